import { NotFoundError } from '@backstage/errors';
import type { EventParams } from '@backstage/plugin-events-node';
import type {
  AccessLevel,
  ChangeRequest,
  ChangeRequestComment,
  ChangeRequestProvider,
  ChangeRequestRef,
  ChangeRequestUser,
  PreviewEvent,
} from '@greenroom/plugin-environments-previews-node';
import { accessLevelOf } from './access';
import { GitlabApi, projectPath } from './gitlabApi';
import {
  mergeRequestUrl,
  readGitlabEvent,
  readMergeRequest,
  TOPIC_MERGE_REQUEST,
  TOPIC_NOTE,
} from './webhooks';

/** The Component annotation naming its GitLab project (Backstage's well-known one). */
export const ANNOTATION_GITLAB_PROJECT_SLUG = 'gitlab.com/project-slug';

/** Enough pages of 100 notes for any merge request a human reads. */
const MAX_NOTE_PAGES = 10;

type Repository = Pick<ChangeRequestRef, 'repository' | 'repositoryUrl'>;

/** GitLab merge requests for the previews core, through GitLab's REST API. */
export class GitlabChangeRequestProvider implements ChangeRequestProvider {
  readonly id = 'gitlab';
  readonly terms = {
    provider: 'GitLab',
    changeRequest: 'merge request',
    approver: 'member with Developer access',
    writeAccess: 'Developer access',
    writeAccessInFull: 'Developer, Maintainer or Owner access',
  };
  readonly slugAnnotation = ANNOTATION_GITLAB_PROJECT_SLUG;
  readonly topics = [TOPIC_MERGE_REQUEST, TOPIC_NOTE];

  constructor(private readonly api: GitlabApi) {}

  readEvent(params: EventParams): PreviewEvent | undefined {
    return readGitlabEvent(params);
  }

  changeRequestUrl(ref: ChangeRequestRef): string {
    return mergeRequestUrl(ref.repositoryUrl, ref.number);
  }

  repositoryUrlOf(changeRequestUrl: string): string {
    return changeRequestUrl.replace(/\/-\/merge_requests\/\d+\/?$/, '');
  }

  async getChangeRequest(
    ref: ChangeRequestRef,
  ): Promise<ChangeRequest | undefined> {
    const response = await this.api(ref.repositoryUrl, mergeRequestPath(ref));
    return (
      response &&
      readMergeRequest(await response.json(), {
        path: ref.repository,
        url: ref.repositoryUrl,
      })
    );
  }

  async getAccessLevel(
    repository: Repository,
    user: ChangeRequestUser,
  ): Promise<AccessLevel> {
    // Members by user id, inherited from groups too; numeric ids only.
    if (!/^\d+$/.test(user.id)) return 'none';
    const response = await this.api(
      repository.repositoryUrl,
      `${projectPath(repository.repository)}/members/all/${user.id}`,
    );
    const member = response && (await response.json());
    return accessLevelOf(
      typeof member?.access_level === 'number'
        ? member.access_level
        : undefined,
    );
  }

  async listComments(ref: ChangeRequestRef): Promise<ChangeRequestComment[]> {
    const notes: ChangeRequestComment[] = [];
    for (let page = 1; page <= MAX_NOTE_PAGES; page++) {
      const response = await this.api(
        ref.repositoryUrl,
        `${mergeRequestPath(
          ref,
        )}/notes?sort=asc&order_by=created_at&per_page=100&page=${page}`,
      );
      if (!response) break;
      const batch = (await response.json()) as Array<{
        id: number;
        body?: string | null;
      }>;
      notes.push(...batch.map(({ id, body }) => ({ id, body })));
      if (!response.headers.get('x-next-page')) break;
    }
    return notes;
  }

  async createComment(ref: ChangeRequestRef, body: string): Promise<void> {
    written(
      await this.api(ref.repositoryUrl, `${mergeRequestPath(ref)}/notes`, {
        method: 'POST',
        body: { body },
      }),
      ref,
    );
  }

  async updateComment(
    ref: ChangeRequestRef,
    commentId: number,
    body: string,
  ): Promise<void> {
    written(
      await this.api(
        ref.repositoryUrl,
        `${mergeRequestPath(ref)}/notes/${commentId}`,
        { method: 'PUT', body: { body } },
      ),
      ref,
    );
  }

  async readFile(
    repository: Repository,
    ref: string,
    path: string,
  ): Promise<string | undefined> {
    const response = await this.api(
      repository.repositoryUrl,
      `${projectPath(
        repository.repository,
      )}/repository/files/${encodeURIComponent(
        path,
      )}/raw?ref=${encodeURIComponent(ref)}`,
    );
    return response?.text();
  }
}

/** A note that could not be written is an error, unlike a missing read. */
function written(response: Response | undefined, ref: ChangeRequestRef) {
  if (!response) {
    throw new NotFoundError(
      `GitLab answered 404 writing a note on ${ref.repository}!${ref.number}`,
    );
  }
}

function mergeRequestPath(ref: ChangeRequestRef): string {
  return `${projectPath(ref.repository)}/merge_requests/${ref.number}`;
}
