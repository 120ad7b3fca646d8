/**
 * Counts React renders in the production build, where <Profiler> reports nothing: a minimal
 * stand-in for the React DevTools global hook, installed before the app's scripts run
 * (page.addInitScript). React calls hook.onCommitFiberRoot after every commit; the probe walks
 * the part of the fiber tree that this commit touched and counts the components that actually
 * ran (the PerformedWork flag, as DevTools reads it), grouped by the panel they draw into.
 *
 * This function is serialised into the page: it must not close over anything in this module.
 */

export interface ProbeCommit {
  /** performance.now() of the commit */
  at: number;
  /** the timestep the scrubber shows after the commit (1-based) */
  step: number;
  /** the step differs from the one shown after the previous commit */
  moved: boolean;
  /** components that rendered in this commit, by group (panel test id, 'playback', 'layout', 'other') */
  groups: Record<string, number>;
}

interface Fiber {
  tag: number;
  flags: number;
  child: Fiber | null;
  sibling: Fiber | null;
  return: Fiber | null;
  alternate: Fiber | null;
  stateNode: unknown;
}

export function installReactProbe(): void {
  // React's work tags of components that run user code, and its PerformedWork flag.
  const FUNCTION = 0;
  const CLASS = 1;
  const FORWARD_REF = 11;
  const SIMPLE_MEMO = 15;
  const HOST = 5;
  const HOST_TEXT = 6;
  const PERFORMED_WORK = 1;
  const GROUP_SELECTOR =
    '[data-testid^="panel-"], [data-testid="playback"], [data-testid="step-announcer"], main.layout';

  const commits: ProbeCommit[] = [];
  let lastStep = NaN;
  (window as unknown as { __gatescopeCommits: ProbeCommit[] }).__gatescopeCommits = commits;

  const groupOf = (f: Fiber): string => {
    // The component's first DOM node, else the nearest DOM ancestor (a component that draws null).
    let d: Fiber | null = f.child;
    while (d && d.tag !== HOST && d.tag !== HOST_TEXT) d = d.child;
    let node = d?.stateNode as Node | undefined;
    for (let up = f.return; !node && up; up = up.return)
      if (up.tag === HOST) node = up.stateNode as Node;
    const el = node instanceof Element ? node : node?.parentElement;
    const g = el?.closest(GROUP_SELECTOR);
    if (!g) return 'other';
    return g.tagName === 'MAIN' ? 'layout' : (g.getAttribute('data-testid') ?? 'other');
  };

  const onCommitFiberRoot = (_id: number, root: { current: Fiber }) => {
    const groups: Record<string, number> = {};
    const stack: Fiber[] = [root.current];
    while (stack.length) {
      const f = stack.pop()!;
      const isComponent =
        f.tag === FUNCTION || f.tag === CLASS || f.tag === FORWARD_REF || f.tag === SIMPLE_MEMO;
      if (isComponent && (f.alternate === null || (f.flags & PERFORMED_WORK) !== 0)) {
        const g = groupOf(f);
        groups[g] = (groups[g] ?? 0) + 1;
      }
      // A fiber that bailed out keeps its old children: nothing below it ran in this commit.
      if (f.child && (f.alternate === null || f.child !== f.alternate.child)) {
        for (let c: Fiber | null = f.child; c; c = c.sibling) stack.push(c);
      }
    }
    const scrubber = document.querySelector<HTMLInputElement>('input.scrubber');
    const step = scrubber ? Number(scrubber.value) : NaN;
    commits.push({ at: performance.now(), step, moved: step !== lastStep, groups });
    lastStep = step;
  };

  const renderers = new Map<number, unknown>();
  (window as unknown as Record<string, unknown>).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    isDisabled: false,
    supportsFiber: true,
    renderers,
    inject: (renderer: unknown) => {
      renderers.set(renderers.size + 1, renderer);
      return renderers.size;
    },
    checkDCE() {},
    onScheduleFiberRoot() {},
    onCommitFiberRoot,
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
  };
}
