/**
 * Plain URLs of the two run endpoints the browser opens itself (EventSource and a download link); every
 * other call goes through the generated RunsService.
 */
export const runStreamUrl = (runId: string) => `/api/runs/${encodeURIComponent(runId)}/stream`;
export const runLogUrl = (runId: string) => `/api/runs/${encodeURIComponent(runId)}/log`;
