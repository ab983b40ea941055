/**
 * The one GitHub REST call the action makes: re-enabling its own workflow, which restarts the
 * 60-day clock after which GitHub disables scheduled workflows in public repositories
 * (`PUT /repos/{owner}/{repo}/actions/workflows/{workflow}/enable`, the job's token with
 * `actions: write`). It never fails a run: what goes wrong comes back as a warning to show.
 */
import { errorCode, send } from './http.js';

/** The whole budget of the call: it never holds a run long. */
const KEEPALIVE_BUDGET_MS = 10_000;

interface WorkflowIdentity {
  apiUrl: string;
  repository: string;
  /** the workflow file's name, e.g. autoscale.yml */
  workflowFile: string;
}

/** The workflow that is running, from the runner's variables, or null when they do not say. */
export function runningWorkflow(env: NodeJS.ProcessEnv): WorkflowIdentity | null {
  const ref = env.GITHUB_WORKFLOW_REF ?? '';
  const repository = env.GITHUB_REPOSITORY ?? '';
  const m = /\/\.github\/workflows\/([^/@]+)@/.exec(ref);
  if (!m || repository === '') return null;
  return {
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    repository,
    workflowFile: m[1],
  };
}

/** Re-enables the workflow; resolves to null when done, or to a warning that says what to change. */
export async function enableWorkflow(workflow: WorkflowIdentity, token: string): Promise<string | null> {
  const path = `/repos/${workflow.repository}/actions/workflows/${encodeURIComponent(workflow.workflowFile)}/enable`;
  try {
    const response = await send({
      method: 'PUT',
      url: `${workflow.apiUrl}${path}`,
      headers: {
        Accept: 'application/vnd.github+json',
        Authorization: `Bearer ${token}`,
        'X-GitHub-Api-Version': '2022-11-28',
        'User-Agent': 'heroku-autoscale-action',
      },
      deadline: performance.now() + KEEPALIVE_BUDGET_MS,
      maxBytes: 16 * 1024,
      overflow: 'truncate',
    });
    if (response.status === 204 || response.status === 200) return null;
    if (response.status === 403 || response.status === 401) {
      return `keepalive could not re-enable workflow ${workflow.workflowFile} (HTTP ${response.status}): give the job "permissions: actions: write" (and keep github-token the job's token)`;
    }
    return `keepalive could not re-enable workflow ${workflow.workflowFile} (HTTP ${response.status})`;
  } catch (error) {
    return `keepalive could not reach the GitHub API (${errorCode(error)})`;
  }
}
