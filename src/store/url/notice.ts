/** What the last opened link could not use, shown until dismissed (see ui/LinkNotice). */
import { create } from 'zustand';
import type { LinkIssue } from './hash';

interface LinkNoticeState {
  issues: LinkIssue[];
  show(issues: LinkIssue[]): void;
  add(issue: LinkIssue): void;
  dismiss(): void;
}

export const useLinkNotice = create<LinkNoticeState>()((set) => ({
  issues: [],
  show: (issues) => set({ issues }),
  add: (issue) => set((s) => ({ issues: [...s.issues, issue] })),
  dismiss: () => set({ issues: [] }),
}));
