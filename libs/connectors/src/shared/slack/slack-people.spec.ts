import { SlackPeople } from './slack-people';

describe('SlackPeople', () => {
  it('never takes a bot for a person: flagged, workflow bots, Slackbot and bot ids, listed or not', () => {
    const people = new SlackPeople('email');
    people.add({ id: 'U1', profile: { email: 'ann@example.com' } });
    people.add({ id: 'U2', is_bot: true, profile: {} });
    people.add({ id: 'U3', is_workflow_bot: true, profile: {} });
    people.add({ id: 'USLACKBOT', is_bot: false, profile: {} });
    expect(['U1', 'U2', 'U3', 'USLACKBOT', 'B1', 'U9'].map((id) => people.isPerson(id))).toEqual([
      true,
      false,
      false,
      false,
      false,
      // not in users.json, but a user id (a guest, another workspace of a shared channel)
      true,
    ]);
  });

  it('warns when people fall back to their Slack id for want of an e-mail address', () => {
    const none = new SlackPeople('email');
    none.add({ id: 'U1', profile: {} });
    none.add({ id: 'U2', profile: { email: '' } });
    none.add({ id: 'UBOT', is_bot: true, profile: {} });
    // the bot is not counted: 2 of 2 people
    expect(none.identityWarning('users.json')).toEqual({
      code: 'slack.identity-fallback',
      message: expect.stringMatching(/^No person in users\.json has an e-mail address: .* by e-mail/),
      count: 2,
      file: 'users.json',
    });

    const some = new SlackPeople('email');
    some.add({ id: 'U1', profile: { email: 'ann@example.com' } });
    some.add({ id: 'U2', profile: {} });
    expect(some.identityWarning('users.list')).toMatchObject({
      message: expect.stringMatching(/^Some people in users\.list have no e-mail address/),
      count: 1,
    });

    const all = new SlackPeople('email');
    all.add({ id: 'U1', profile: { email: 'ann@example.com' } });
    expect(all.identityWarning('users.json')).toBeNull();
    // identified by user id on purpose: nothing falls back
    const byId = new SlackPeople('user_id');
    byId.add({ id: 'U1', profile: {} });
    expect(byId.identityWarning('users.json')).toBeNull();
  });
});
