/** Copy of the landing page that is about the product itself (tool categories come from the API). */
export interface Benefit {
  icon: string;
  title: string;
  text: string;
}

export const BENEFITS: readonly Benefit[] = [
  {
    icon: 'terminal',
    title: 'Live terminal output',
    text: 'Every run streams into a terminal in your browser as it happens. No refreshing, no waiting for a report to know what the tool saw.',
  },
  {
    icon: 'account_tree',
    title: 'Chain tools into workflows',
    text: 'Feed discovered subdomains into HTTP probes and probes into scans on a visual canvas, then launch the whole chain at once.',
  },
  {
    icon: 'radar',
    title: 'Findings, not noise',
    text: 'Results are normalized into findings with severity and evidence, and every run is kept so you can compare what changed.',
  },
  {
    icon: 'picture_as_pdf',
    title: 'Reports in one click',
    text: 'Turn the findings of a run into a clean PDF report for the program or the client, ready to attach.',
  },
  {
    icon: 'psychology',
    title: 'An assistant that read the output',
    text: 'Ask the AI assistant what a result means, how to verify it and what to try next, with the run as its context.',
  },
  {
    icon: 'toll',
    title: 'Start free, pay per run',
    text: '10 free credits every day. A Pro plan or top-up packs when you need more, and no per-tool licences.',
  },
];

export interface Step {
  icon: string;
  title: string;
  text: string;
}

export const STEPS: readonly Step[] = [
  {
    icon: 'category',
    title: 'Pick a tool',
    text: 'Native scanners and the programs you already know, like nmap and ffuf.',
  },
  {
    icon: 'tune',
    title: 'Configure it',
    text: 'Forms generated from each tool’s schema, validated before anything runs.',
  },
  {
    icon: 'play_circle',
    title: 'Launch and watch',
    text: 'Runs execute on isolated workers while the output streams to you live.',
  },
  {
    icon: 'inventory_2',
    title: 'Keep what matters',
    text: 'Findings, history, PDF reports and an assistant to talk them through.',
  },
];
