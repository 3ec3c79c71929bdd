import { ConfigReader } from '@backstage/config';
import { GitlabApiDouble } from '../__testUtils__/GitlabApiDouble';
import {
  mergeRequestEvent,
  mergeRequestOf,
} from '../__testUtils__/webhookExamples';
import { gitlabApiFromConfig } from './gitlabApi';
import { GitlabChangeRequestProvider } from './GitlabChangeRequestProvider';

const PROJECT = 'group/shop';
const REPO = {
  repository: PROJECT,
  repositoryUrl: 'https://gitlab.example.com/group/shop',
};
const MR = { ...REPO, number: 4 };

describe('GitlabChangeRequestProvider', () => {
  let gitlab: GitlabApiDouble;
  let provider: GitlabChangeRequestProvider;
  beforeEach(async () => {
    gitlab = await new GitlabApiDouble('/gitlab/api/v4').start();
    provider = new GitlabChangeRequestProvider(
      gitlabApiFromConfig(
        new ConfigReader({
          integrations: {
            gitlab: [
              {
                host: 'gitlab.example.com',
                apiBaseUrl: gitlab.apiBaseUrl,
                token: 't',
              },
            ],
          },
        }),
      ),
    );
  });
  afterEach(() => gitlab.stop());

  it('reads a file at a ref, undefined when it is missing', async () => {
    gitlab.files.set(
      `${PROJECT}:abc123:.greenroom/preview.yaml`,
      'services: []\n',
    );
    await expect(
      provider.readFile(REPO, 'abc123', '.greenroom/preview.yaml'),
    ).resolves.toBe('services: []\n');
    await expect(
      provider.readFile(REPO, 'main', '.greenroom/preview.yaml'),
    ).resolves.toBeUndefined();
    expect(gitlab.requests[0].path).toBe(
      '/gitlab/api/v4/projects/group%2Fshop/repository/files/.greenroom%2Fpreview.yaml/raw?ref=abc123',
    );
  });

  it('maps access levels: Developer writes, Reporter reads, strangers none', async () => {
    gitlab.members.set(`${PROJECT}:1`, 50);
    gitlab.members.set(`${PROJECT}:2`, 40);
    gitlab.members.set(`${PROJECT}:3`, 30);
    gitlab.members.set(`${PROJECT}:4`, 20);
    const levels = await Promise.all(
      ['1', '2', '3', '4', '5', 'not-an-id'].map(id =>
        provider.getAccessLevel(REPO, { id }),
      ),
    );
    expect(levels).toEqual(['admin', 'write', 'write', 'read', 'none', 'none']);
  });

  it('reads a merge request, telling a fork and a merge', async () => {
    const fork = mergeRequestEvent({
      project: PROJECT,
      host: 'https://gitlab.example.com',
      iid: 4,
      action: 'merge',
      fromFork: true,
    });
    gitlab.mergeRequests.set(`${PROJECT}!4`, mergeRequestOf(fork));
    await expect(provider.getChangeRequest(MR)).resolves.toMatchObject({
      number: 4,
      url: 'https://gitlab.example.com/group/shop/-/merge_requests/4',
      fromFork: true,
      state: 'merged',
      author: { id: '51' },
    });
    await expect(
      provider.getChangeRequest({ ...MR, number: 5 }),
    ).resolves.toBeUndefined();
    expect(provider.repositoryUrlOf(provider.changeRequestUrl(MR))).toBe(
      REPO.repositoryUrl,
    );
  });

  it('lists notes page by page, and writes and edits them', async () => {
    gitlab.notesPerPage = 2;
    for (let i = 0; i < 5; i++) await provider.createComment(MR, `note ${i}`);
    const notes = await provider.listComments(MR);
    expect(notes.map(n => n.body)).toEqual([
      'note 0',
      'note 1',
      'note 2',
      'note 3',
      'note 4',
    ]);
    await provider.updateComment(MR, notes[1].id, 'edited');
    expect(gitlab.notesOf(PROJECT, 4)[1].body).toBe('edited');
    await expect(provider.updateComment(MR, 1, 'x')).rejects.toThrow(
      'GitLab answered 404 writing a note on group/shop!4',
    );
  });

  it('says which integration is missing', async () => {
    await expect(
      provider.getChangeRequest({
        ...MR,
        repositoryUrl: 'https://elsewhere.example.com/group/shop',
      }),
    ).rejects.toThrow(
      'No GitLab integration for https://elsewhere.example.com/group/shop',
    );
  });
});
