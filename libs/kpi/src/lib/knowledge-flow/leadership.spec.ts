import { exactCount } from '../disclosure/cell-key';
import type { LevelRow } from './flow-rows';
import { leadershipLevels } from './leadership';

const K = 3;
const reason = { code: 'below-k', minGroupSize: K };

const level = (
  at: number | null,
  people: number,
  active: number,
  [posts, replies, toStaff, toLeaders, reach]: number[],
): LevelRow => {
  const magnitude = (total: number) => ({ total, top: total });
  return {
    level: at,
    people: exactCount(people),
    active: exactCount(active),
    posts: magnitude(posts),
    replies: magnitude(replies),
    toStaff: magnitude(toStaff),
    toLeaders: magnitude(toLeaders),
    reach: magnitude(reach),
  };
};

describe('leadership by hierarchy level', () => {
  /*
   * k = 3 (posts, replies, to staff, to leaders, reach):
   *   level 1: 2 people → nothing shown
   *   level 2: 4 people, 3 active: the 1 inactive person is below k, so the active share goes (and reach per
   *            active with it); 8 / 4 = 2 posts, 12 / 4 = 3 replies, 20 / 4 = 5 down, 2 / 4 = 0.5 up
   *   level 3: 10 people, 6 active → 0.6; 30 / 10 = 3, 15 / 10 = 1.5, 0 down, 25 / 10 = 2.5 up, 18 / 6 = 3 reach
   *   unknown: 5 people, all active → 1; 5 / 5 = 1 post, 0 replies, no level to compare, 10 / 5 = 2 reach
   *   level 4: 5 people, none active → share 0, no reach per active person (nobody to divide by)
   */
  const rows = [
    level(null, 5, 5, [5, 0, 7, 3, 10]),
    level(3, 10, 6, [30, 15, 0, 25, 18]),
    level(1, 2, 2, [9, 9, 9, 0, 4]),
    level(4, 5, 0, [0, 0, 0, 0, 0]),
    level(2, 4, 3, [8, 12, 20, 2, 9]),
  ];

  it('publishes activity, responses down and up, and reach per level, top first', () => {
    expect(leadershipLevels(rows, K)).toEqual([
      {
        level: 1,
        people: null,
        activeShare: null,
        postsPerPerson: null,
        repliesPerPerson: null,
        repliesToStaff: null,
        repliesToLeaders: null,
        reachPerActive: null,
        suppressed: reason,
      },
      {
        level: 2,
        people: 4,
        activeShare: null,
        postsPerPerson: 2,
        repliesPerPerson: 3,
        repliesToStaff: 5,
        repliesToLeaders: 0.5,
        reachPerActive: null,
        suppressed: reason,
      },
      {
        level: 3,
        people: 10,
        activeShare: 0.6,
        postsPerPerson: 3,
        repliesPerPerson: 1.5,
        repliesToStaff: 0,
        repliesToLeaders: 2.5,
        reachPerActive: 3,
      },
      {
        level: 4,
        people: 5,
        activeShare: 0,
        postsPerPerson: 0,
        repliesPerPerson: 0,
        repliesToStaff: 0,
        repliesToLeaders: 0,
        reachPerActive: null,
      },
      {
        level: null,
        people: 5,
        activeShare: 1,
        postsPerPerson: 1,
        repliesPerPerson: 0,
        repliesToStaff: null,
        repliesToLeaders: null,
        reachPerActive: 2,
      },
    ]);
  });

  it('is empty without people', () => {
    expect(leadershipLevels([], K)).toEqual([]);
  });
});
