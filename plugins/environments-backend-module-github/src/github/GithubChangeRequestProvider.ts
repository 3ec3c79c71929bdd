import type { EventParams } from '@backstage/plugin-events-node';
import { ANNOTATION_GITHUB_PROJECT_SLUG } from '@greenroom/plugin-environments-common';
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
import type { OctokitForRepository } from './octokitForRepository';
import { repositoryParams, unlessNotFound } from './repository';
import {
  readGithubEvent,
  readPullRequest,
  TOPIC_ISSUE_COMMENT,
  TOPIC_PULL_REQUEST,
} from './webhooks';

/** Enough pages of 100 comments for any pull request a human reads. */
const MAX_COMMENT_PAGES = 10;

type Repository = Pick<ChangeRequestRef, 'repository' | 'repositoryUrl'>;

/** GitHub pull requests for the previews core, through Octokit. */
export class GithubChangeRequestProvider implements ChangeRequestProvider {
  readonly id = 'github';
  readonly terms = {
    provider: 'GitHub',
    changeRequest: 'pull request',
    approver: 'maintainer (write access)',
    writeAccess: 'write access',
    writeAccessInFull: 'write, maintain or admin access',
  };
  readonly slugAnnotation = ANNOTATION_GITHUB_PROJECT_SLUG;
  readonly topics = [TOPIC_PULL_REQUEST, TOPIC_ISSUE_COMMENT];

  constructor(private readonly octokitFor: OctokitForRepository) {}

  readEvent(params: EventParams): PreviewEvent | undefined {
    return readGithubEvent(params);
  }

  changeRequestUrl(ref: ChangeRequestRef): string {
    return `${ref.repositoryUrl}/pull/${ref.number}`;
  }

  repositoryUrlOf(changeRequestUrl: string): string {
    return changeRequestUrl.replace(/\/pull\/\d+\/?$/, '');
  }

  async getChangeRequest(
    ref: ChangeRequestRef,
  ): Promise<ChangeRequest | undefined> {
    const pr = await unlessNotFound(
      this.octokitFor(ref.repositoryUrl).rest.pulls.get({
        ...repositoryParams(ref.repository),
        pull_number: ref.number,
      }),
    );
    return (
      pr &&
      readPullRequest(pr, { full: ref.repository, url: ref.repositoryUrl })
    );
  }

  async getAccessLevel(
    repository: Repository,
    user: ChangeRequestUser,
  ): Promise<AccessLevel> {
    const permission = await unlessNotFound(
      this.octokitFor(
        repository.repositoryUrl,
      ).rest.repos.getCollaboratorPermissionLevel({
        ...repositoryParams(repository.repository),
        username: user.id,
      }),
    );
    return accessLevelOf(permission);
  }

  async listComments(ref: ChangeRequestRef): Promise<ChangeRequestComment[]> {
    const octokit = this.octokitFor(ref.repositoryUrl);
    let pages = 0;
    return octokit.paginate(
      octokit.rest.issues.listComments,
      {
        ...repositoryParams(ref.repository),
        issue_number: ref.number,
        per_page: 100,
      },
      (response, done) => {
        pages += 1;
        if (pages >= MAX_COMMENT_PAGES) done();
        return response.data;
      },
    );
  }

  async createComment(ref: ChangeRequestRef, body: string): Promise<void> {
    await this.octokitFor(ref.repositoryUrl).rest.issues.createComment({
      ...repositoryParams(ref.repository),
      issue_number: ref.number,
      body,
    });
  }

  async updateComment(
    ref: ChangeRequestRef,
    commentId: number,
    body: string,
  ): Promise<void> {
    await this.octokitFor(ref.repositoryUrl).rest.issues.updateComment({
      ...repositoryParams(ref.repository),
      comment_id: commentId,
      body,
    });
  }

  async readFile(
    repository: Repository,
    ref: string,
    path: string,
  ): Promise<string | undefined> {
    const file = await unlessNotFound(
      this.octokitFor(repository.repositoryUrl).rest.repos.getContent({
        ...repositoryParams(repository.repository),
        path,
        ref,
        mediaType: { format: 'raw' },
      }),
    );
    // With the raw media type the answer is the file's text (bytes when
    // GitHub names no charset); a directory still answers a listing.
    if (typeof file === 'string') return file;
    return file instanceof ArrayBuffer
      ? new TextDecoder().decode(file)
      : undefined;
  }
}
