import type { ITerminalOptions, ITheme } from '@xterm/xterm';

/** xterm paints with colours it parses itself, so CSS variables are read once and resolved here. */
const CSS_COLOUR = /^(#[0-9a-f]{3,8}|rgba?\([^)]*\))$/i;

function cssVar(styles: CSSStyleDeclaration, name: string, fallback: string): string {
  const value = styles.getPropertyValue(name).trim();
  return CSS_COLOUR.test(value) ? value : fallback;
}

/** ANSI colours tuned to the app's dark surfaces, the same hues as the severity and status chips. */
export function terminalTheme(styles: CSSStyleDeclaration): ITheme {
  const background = cssVar(styles, '--hk-terminal-bg', '#05080b');
  const primary = cssVar(styles, '--mat-sys-primary', '#3ddc97');
  return {
    background,
    foreground: '#c9d4df',
    // Output only, no prompt: the cursor would be a stray block after the last line.
    cursor: background,
    cursorAccent: background,
    selectionBackground: 'rgba(61, 220, 151, 0.3)',
    scrollbarSliderBackground: 'rgba(91, 104, 119, 0.45)',
    scrollbarSliderHoverBackground: 'rgba(91, 104, 119, 0.7)',
    black: '#1f2834',
    red: '#ff5c7a',
    green: primary,
    yellow: '#f0b429',
    blue: '#6cb6ff',
    magenta: '#c792ea',
    cyan: '#4dd0e1',
    white: '#c9d4df',
    brightBlack: '#5b6877',
    brightRed: '#ff8095',
    brightGreen: '#6ef0b5',
    brightYellow: '#fbd05b',
    brightBlue: '#93c9ff',
    brightMagenta: '#dcb0f5',
    brightCyan: '#84e6f2',
    brightWhite: '#f1f5f9',
  };
}

export function terminalOptions(styles: CSSStyleDeclaration): ITerminalOptions {
  return {
    theme: terminalTheme(styles),
    fontFamily: styles.getPropertyValue('--hk-mono-font').trim() || 'ui-monospace, monospace',
    fontSize: 13,
    lineHeight: 1.35,
    // Tools print bare \n; without this each line would start where the previous one ended.
    convertEol: true,
    scrollback: 10_000,
    // Tools print dark ANSI colours (blue on black); xterm lightens any below WCAG AA on our background.
    minimumContrastRatio: 4.5,
    disableStdin: true,
    cursorStyle: 'bar',
    cursorInactiveStyle: 'none',
    allowProposedApi: false,
  };
}
