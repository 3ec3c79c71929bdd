/**
 * GitLab webhook payloads as GitLab documents them (the "Merge request
 * events" and "Comment on a merge request" examples of the webhook events
 * page, for the projects `gitlabhq/gitlab-test` and `gitlab-org/gitlab-test`
 * on `example.com`), with their label lists left out, then moved to another
 * project, merge request, author, commit or action. Everything else is as
 * GitLab sends it.
 */

type Json = Record<string, any>;

const MERGE_REQUEST_EVENT = {
  object_kind: 'merge_request',
  event_type: 'merge_request',
  user: {
    id: 1,
    name: 'Administrator',
    username: 'root',
    avatar_url:
      'http://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=40\u0026d=identicon',
    email: 'admin@example.com',
  },
  project: {
    id: 1,
    name: 'Gitlab Test',
    description: 'Aut reprehenderit ut est.',
    web_url: 'http://example.com/gitlabhq/gitlab-test',
    avatar_url: null,
    git_ssh_url: 'git@example.com:gitlabhq/gitlab-test.git',
    git_http_url: 'http://example.com/gitlabhq/gitlab-test.git',
    namespace: 'GitlabHQ',
    visibility_level: 20,
    path_with_namespace: 'gitlabhq/gitlab-test',
    default_branch: 'master',
    ci_config_path: '',
    homepage: 'http://example.com/gitlabhq/gitlab-test',
    url: 'http://example.com/gitlabhq/gitlab-test.git',
    ssh_url: 'git@example.com:gitlabhq/gitlab-test.git',
    http_url: 'http://example.com/gitlabhq/gitlab-test.git',
  },
  repository: {
    name: 'Gitlab Test',
    url: 'http://example.com/gitlabhq/gitlab-test.git',
    description: 'Aut reprehenderit ut est.',
    homepage: 'http://example.com/gitlabhq/gitlab-test',
  },
  object_attributes: {
    id: 99,
    iid: 1,
    target_branch: 'master',
    source_branch: 'ms-viewport',
    source_project_id: 14,
    author_id: 51,
    assignee_ids: [6],
    assignee_id: 6,
    reviewer_ids: [6],
    title: 'MS-Viewport',
    created_at: '2013-12-03T17:23:34Z',
    updated_at: '2013-12-03T17:23:34Z',
    last_edited_at: '2013-12-03T17:23:34Z',
    last_edited_by_id: 1,
    milestone_id: null,
    state_id: 1,
    state: 'opened',
    blocking_discussions_resolved: true,
    work_in_progress: false,
    draft: false,
    first_contribution: true,
    merge_status: 'unchecked',
    target_project_id: 14,
    description: '',
    prepared_at: '2013-12-03T19:23:34Z',
    total_time_spent: 1800,
    time_change: 30,
    human_total_time_spent: '30m',
    human_time_change: '30s',
    human_time_estimate: '30m',
    url: 'http://example.com/diaspora/merge_requests/1',
    source: {
      name: 'Awesome Project',
      description: 'Aut reprehenderit ut est.',
      web_url: 'http://example.com/awesome_space/awesome_project',
      avatar_url: null,
      git_ssh_url: 'git@example.com:awesome_space/awesome_project.git',
      git_http_url: 'http://example.com/awesome_space/awesome_project.git',
      namespace: 'Awesome Space',
      visibility_level: 20,
      path_with_namespace: 'awesome_space/awesome_project',
      default_branch: 'master',
      homepage: 'http://example.com/awesome_space/awesome_project',
      url: 'http://example.com/awesome_space/awesome_project.git',
      ssh_url: 'git@example.com:awesome_space/awesome_project.git',
      http_url: 'http://example.com/awesome_space/awesome_project.git',
    },
    target: {
      name: 'Awesome Project',
      description: 'Aut reprehenderit ut est.',
      web_url: 'http://example.com/awesome_space/awesome_project',
      avatar_url: null,
      git_ssh_url: 'git@example.com:awesome_space/awesome_project.git',
      git_http_url: 'http://example.com/awesome_space/awesome_project.git',
      namespace: 'Awesome Space',
      visibility_level: 20,
      path_with_namespace: 'awesome_space/awesome_project',
      default_branch: 'master',
      homepage: 'http://example.com/awesome_space/awesome_project',
      url: 'http://example.com/awesome_space/awesome_project.git',
      ssh_url: 'git@example.com:awesome_space/awesome_project.git',
      http_url: 'http://example.com/awesome_space/awesome_project.git',
    },
    last_commit: {
      id: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
      message: 'fixed readme',
      title: 'Update file README.md',
      timestamp: '2012-01-03T23:36:29+02:00',
      url: 'http://example.com/awesome_space/awesome_project/commits/da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
      author: {
        name: 'GitLab dev user',
        email: 'gitlabdev@dv6700.(none)',
      },
    },
    action: 'open',
    detailed_merge_status: 'mergeable',
  },
  changes: {
    updated_by_id: { previous: null, current: 1 },
    draft: { previous: true, current: false },
    updated_at: {
      previous: '2017-09-15 16:50:55 UTC',
      current: '2017-09-15 16:52:00 UTC',
    },
    last_edited_at: { previous: null, current: '2023-03-15 00:00:10 UTC' },
    last_edited_by_id: { previous: null, current: 3278533 },
  },
  assignees: [
    {
      id: 6,
      name: 'User1',
      username: 'user1',
      avatar_url:
        'http://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=40\u0026d=identicon',
    },
  ],
  reviewers: [
    {
      id: 6,
      name: 'User1',
      username: 'user1',
      avatar_url:
        'http://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=40\u0026d=identicon',
    },
  ],
};

const MERGE_REQUEST_NOTE_EVENT = {
  object_kind: 'note',
  event_type: 'note',
  user: {
    id: 1,
    name: 'Administrator',
    username: 'root',
    avatar_url:
      'http://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=40\u0026d=identicon',
    email: 'admin@example.com',
  },
  project_id: 5,
  project: {
    id: 5,
    name: 'Gitlab Test',
    description: 'Aut reprehenderit ut est.',
    web_url: 'http://example.com/gitlab-org/gitlab-test',
    avatar_url: null,
    git_ssh_url: 'git@example.com:gitlab-org/gitlab-test.git',
    git_http_url: 'http://example.com/gitlab-org/gitlab-test.git',
    namespace: 'Gitlab Org',
    visibility_level: 10,
    path_with_namespace: 'gitlab-org/gitlab-test',
    default_branch: 'master',
    homepage: 'http://example.com/gitlab-org/gitlab-test',
    url: 'http://example.com/gitlab-org/gitlab-test.git',
    ssh_url: 'git@example.com:gitlab-org/gitlab-test.git',
    http_url: 'http://example.com/gitlab-org/gitlab-test.git',
  },
  repository: {
    name: 'Gitlab Test',
    url: 'http://localhost/gitlab-org/gitlab-test.git',
    description: 'Aut reprehenderit ut est.',
    homepage: 'http://example.com/gitlab-org/gitlab-test',
  },
  object_attributes: {
    id: 1244,
    note: 'This MR needs work.',
    noteable_type: 'MergeRequest',
    author_id: 1,
    created_at: '2015-05-17 18:21:36 UTC',
    updated_at: '2015-05-17 18:21:36 UTC',
    project_id: 5,
    attachment: null,
    line_code: null,
    commit_id: '',
    noteable_id: 7,
    system: false,
    st_diff: null,
    action: 'create',
    url: 'http://example.com/gitlab-org/gitlab-test/merge_requests/1#note_1244',
  },
  merge_request: {
    id: 7,
    target_branch: 'markdown',
    source_branch: 'master',
    source_project_id: 5,
    author_id: 8,
    assignee_id: 28,
    title: 'Tempora et eos debitis quae laborum et.',
    created_at: '2015-03-01 20:12:53 UTC',
    updated_at: '2015-03-21 18:27:27 UTC',
    milestone_id: 11,
    state: 'opened',
    merge_status: 'cannot_be_merged',
    target_project_id: 5,
    iid: 1,
    description:
      'Et voluptas corrupti assumenda temporibus. Architecto cum animi eveniet amet asperiores. Vitae numquam voluptate est natus sit et ad id.',
    position: 0,
    last_commit: {
      id: '562e173be03b8ff2efb05345d12df18815438a4b',
      message:
        "Merge branch 'another-branch' into 'master'\n\nCheck in this test\n",
      timestamp: '2015-04-08T21: 00:25-07:00',
      url: 'http://example.com/gitlab-org/gitlab-test/commit/562e173be03b8ff2efb05345d12df18815438a4b',
      author: { name: 'John Smith', email: 'john@example.com' },
    },
    work_in_progress: false,
    draft: false,
    assignee: {
      name: 'User1',
      username: 'user1',
      avatar_url:
        'http://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=40\u0026d=identicon',
    },
    detailed_merge_status: 'checking',
  },
};

/** The `project` object of a payload, moved to `path` on `webUrl`'s host. */
function moveProject(project: Json, path: string, host: string): Json {
  const [namespace] = path.split('/');
  const webUrl = `${host}/${path}`;
  return {
    ...project,
    name: path.split('/').pop(),
    namespace,
    path_with_namespace: path,
    web_url: webUrl,
    homepage: webUrl,
    url: `${webUrl}.git`,
    http_url: `${webUrl}.git`,
    git_http_url: `${webUrl}.git`,
  };
}

export interface MergeRequestExample {
  /** The target project's path, e.g. `example/storefront`. */
  project: string;
  /** The project's id; the source project's too unless `fromFork`. */
  projectId?: number;
  /** `https://host` of the GitLab instance; default GitLab's `http://example.com`. */
  host?: string;
  iid: number;
  /** GitLab's `object_attributes.action`. */
  action: 'open' | 'reopen' | 'update' | 'merge' | 'close';
  /** Who opened it (`author_id`); default the example's 51. */
  authorId?: number;
  /** The user of the event; default the example's `root` (id 1). */
  user?: { id: number; username: string };
  headSha?: string;
  branch?: string;
  /** For an `update` that pushed commits: the previous head. */
  oldrev?: string;
  /** The source project is another project (a fork). */
  fromFork?: boolean;
  /** What an `update` changed, e.g. `{ title: { previous, current } }`. */
  changes?: Json;
}

/** A merge request event, GitLab's own example moved to `options`. */
export function mergeRequestEvent(options: MergeRequestExample): Json {
  const payload: Json = structuredClone(MERGE_REQUEST_EVENT);
  const projectId = options.projectId ?? 14;
  payload.project = moveProject(
    payload.project,
    options.project,
    options.host ?? 'http://example.com',
  );
  payload.project.id = projectId;
  const mr = payload.object_attributes;
  mr.iid = options.iid;
  mr.action = options.action;
  mr.state =
    { merge: 'merged', close: 'closed' }[options.action as string] ?? 'opened';
  mr.target_project_id = projectId;
  mr.source_project_id = options.fromFork ? projectId + 1000 : projectId;
  mr.url = `${payload.project.web_url}/-/merge_requests/${options.iid}`;
  if (options.authorId !== undefined) mr.author_id = options.authorId;
  if (options.user) payload.user = { ...payload.user, ...options.user };
  if (options.headSha) mr.last_commit.id = options.headSha;
  if (options.branch) mr.source_branch = options.branch;
  if (options.oldrev) mr.oldrev = options.oldrev;
  if (options.changes) payload.changes = options.changes;
  return payload;
}

/** A note on a merge request, GitLab's own example moved to `options`. */
export function mergeRequestNoteEvent(options: {
  project: string;
  host?: string;
  iid: number;
  noteId: number;
  body: string;
  user: { id: number; username: string };
}): Json {
  const payload: Json = structuredClone(MERGE_REQUEST_NOTE_EVENT);
  payload.project = moveProject(
    payload.project,
    options.project,
    options.host ?? 'http://example.com',
  );
  payload.user = { ...payload.user, ...options.user };
  const note = payload.object_attributes;
  note.id = options.noteId;
  note.note = options.body;
  note.author_id = options.user.id;
  note.url = `${payload.project.web_url}/-/merge_requests/${options.iid}#note_${options.noteId}`;
  payload.merge_request.iid = options.iid;
  return payload;
}

/**
 * `GET /projects/:id/merge_requests/:iid` of the merge request of an event:
 * the API's fields the event carries under other names.
 */
export function mergeRequestOf(event: Json): Json {
  const mr = event.object_attributes;
  return {
    id: mr.id,
    iid: mr.iid,
    project_id: mr.target_project_id,
    title: mr.title,
    state: mr.state,
    source_branch: mr.source_branch,
    target_branch: mr.target_branch,
    source_project_id: mr.source_project_id,
    target_project_id: mr.target_project_id,
    sha: mr.last_commit.id,
    author: {
      id: mr.author_id,
      username:
        event.user.id === mr.author_id
          ? event.user.username
          : `user${mr.author_id}`,
    },
    web_url: mr.url,
  };
}
