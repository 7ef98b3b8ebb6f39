/** One thing wrong with a workflow, pointing at where it is (JSON pointer into the graph) and which nodes. */
export interface GraphProblem {
  pointer: string;
  code: string;
  message: string;
  nodeIds: string[];
}
