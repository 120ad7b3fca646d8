import { type LinkIssue, formatIssue } from '../store/url/hash';
import { useLinkNotice } from '../store/url/notice';
import { CloseButton } from './CloseButton';

/** Long garbage links would bury the page: name this many, then count the rest. */
const SHOWN = 8;

function IssueList({ label, issues }: { label: string; issues: LinkIssue[] }) {
  if (!issues.length) return null;
  const rest = issues.length - SHOWN;
  return (
    <p>
      <strong>{label}</strong> {issues.slice(0, SHOWN).map(formatIssue).join(', ')}
      {rest > 0 ? `, and ${rest} more` : ''}.
    </p>
  );
}

/**
 * What an opened link could not use, inline and dismissible: the rest of the link was applied,
 * so the class sees the picture with only the named parts missing or adjusted.
 */
export function LinkNotice() {
  const issues = useLinkNotice((s) => s.issues);
  const dismiss = useLinkNotice((s) => s.dismiss);
  if (!issues.length) return null;
  return (
    <div className="link-notice" role="status" data-testid="link-notice">
      <div>
        <IssueList
          label="Ignored from the link:"
          issues={issues.filter((i) => i.kind === 'ignored')}
        />
        <IssueList
          label="Adjusted from the link:"
          issues={issues.filter((i) => i.kind === 'adjusted')}
        />
      </div>
      <CloseButton className="notice-close" label="Dismiss the link notice" onClick={dismiss} />
    </div>
  );
}
