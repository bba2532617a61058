import { generateDemoOrganisation, type DemoOrganisation } from '@uptake/demo';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/**
 * A generated Viva Engage network data export (the admin center's "Export network data" zip, in the format
 * of `libs/connectors/src/viva-engage-export/fixtures/export`) whose users are people of the demo directory,
 * so that its activity joins the demo's departments. The demo company has no e-mail addresses: its directory
 * keys people by their id (`u00042`), so that key stands in the export's `email` and `sender_email` columns
 * (the connector keys people by that column, lower-cased when it holds an `@`). Every figure the network
 * section shows follows from the layout below, counted by hand:
 *
 * - `departments.length` (4) departments x `PEOPLE_PER_DEPARTMENT` (9) people = 36 people, user ids 1001…
 * - one thread per person (36): the root by that person, then four replies to the root — three by people of
 *   the three other departments, one by a colleague of the same department. Replies target the root's sender.
 * - threads alternate between two public communities (18 each); one more post in a private community.
 *
 * Interactions (replies with a target): 36 x 4 = 144, of which 36 x 3 = 108 cross a department (75 %).
 * Each person sends four replies (three to the other departments' threads, one to a colleague's) and gets
 * four: 8 interactions per person.
 * Activities: 36 posts + 144 replies + 1 private post = 181.
 */
export const PEOPLE_PER_DEPARTMENT = 9;
export const REPLIES_PER_THREAD = 4;
export const CROSSING_REPLIES_PER_THREAD = 3;

export interface EngageCommunity {
  id: string;
  name: string;
  private: boolean;
}

export interface EngagePerson {
  userId: string;
  /** The demo directory's identity key: what the export's `email` column must hold to join it. */
  identityKey: string;
  departmentName: string;
  departmentExternalId: string;
}

export interface GeneratedEngageExport {
  people: EngagePerson[];
  communities: { public: EngageCommunity[]; private: EngageCommunity };
  threads: number;
  /** Per public community id: its threads and the distinct people who posted or replied in it. */
  perCommunity: Map<string, { threads: number; people: number; interactions: number; crossing: number }>;
  activities: number;
  interactions: number;
  crossingInteractions: number;
  /** Interactions one person takes part in (sent or received), the same for everyone. */
  interactionsPerPerson: number;
  /** First and last day of the messages (UTC). */
  firstDay: string;
  lastDay: string;
}

const MESSAGES_HEADER =
  'id,replied_to_id,thread_id,conversation_id,group_id,group_name,participants,in_private_group,' +
  'in_private_conversation,sender_id,sender_type,sender_name,sender_email,body,api_url,attachments,' +
  'deleted_by_id,deleted_by_type,created_at,deleted_at';
const USERS_HEADER =
  'id,name,email,job_title,location,department,api_url,deleted_by_id,deleted_by_type,joined_at,deleted_at,' +
  'suspended_by_id,suspended_by_type,suspended_at,guid,state,guest';
const GROUPS_HEADER = 'id,name,description,private,external,created_at,updated_at,deleted_at,api_url';

/**
 * Picks `PEOPLE_PER_DEPARTMENT` people of each named demo department (employed over the whole export) and
 * writes the export to `zipPath`. The messages start on `firstDay` (a Monday), one thread a day.
 */
export async function writeEngageExport(
  zipPath: string,
  options: { demo: { seed: number; people: number }; departments: string[]; firstDay: string },
): Promise<GeneratedEngageExport> {
  const demo = generateDemoOrganisation(options.demo);
  const threadDays = options.departments.length * PEOPLE_PER_DEPARTMENT;
  const lastDay = addDays(options.firstDay, threadDays - 1);
  const byDepartment = options.departments.map((name, d) =>
    pickPeople(demo, name, options.firstDay, lastDay).map((person, i) => ({
      ...person,
      userId: String(1001 + d * PEOPLE_PER_DEPARTMENT + i),
    })),
  );
  const people = byDepartment.flat();
  const communities = {
    public: [
      { id: '501', name: 'Engage Launch', private: false },
      { id: '502', name: 'Ask the Network', private: false },
    ],
    private: { id: '503', name: 'Board Room', private: true },
  };

  const messages: string[] = [MESSAGES_HEADER];
  const perCommunity = new Map(
    communities.public.map((c) => [
      c.id,
      { threads: 0, people: new Set<string>(), interactions: 0, crossing: 0 },
    ]),
  );
  const departments = byDepartment.length;
  let messageId = 2001;
  for (let t = 0; t < threadDays; t++) {
    const d = t % departments;
    const i = Math.floor(t / departments);
    const community = communities.public[t % communities.public.length];
    const tally = perCommunity.get(community.id)!;
    const day = addDays(options.firstDay, t);
    const root = byDepartment[d][i];
    const rootId = messageId++;
    messages.push(messageRow(rootId, null, rootId, community, root, `${day} 09:00:00 UTC`));
    tally.threads++;
    tally.people.add(root.userId);
    // Three colleagues of the other departments answer, then one of the same department.
    const repliers = [1, 2, 3].map(
      (r) => byDepartment[(d + r) % departments][(i + r) % PEOPLE_PER_DEPARTMENT],
    );
    repliers.push(byDepartment[d][(i + 1) % PEOPLE_PER_DEPARTMENT]);
    repliers.forEach((replier, r) => {
      messages.push(
        messageRow(messageId++, rootId, rootId, community, replier, `${day} ${String(10 + r)}:15:00 UTC`),
      );
      tally.people.add(replier.userId);
      tally.interactions++;
      if (replier.departmentName !== root.departmentName) tally.crossing++;
    });
  }
  // A post in a private community: stored as "Private community", never by its name.
  const privateId = messageId++;
  messages.push(
    messageRow(privateId, null, privateId, communities.private, people[0], `${lastDay} 16:00:00 UTC`),
  );

  const users = [
    USERS_HEADER,
    ...people.map((person, n) =>
      [
        person.userId,
        `Person ${n + 1}`,
        person.identityKey,
        'Employee',
        'Hamburg',
        person.departmentName,
        `https://www.yammer.com/api/v1/users/${person.userId}`,
        '',
        '',
        '2025-01-06 08:00:00 UTC',
        '',
        '',
        '',
        '',
        `guid-${person.userId}`,
        'active',
        'false',
      ].join(','),
    ),
  ];
  const groups = [
    GROUPS_HEADER,
    ...[...communities.public, communities.private].map((c) =>
      [
        c.id,
        c.name,
        `About ${c.name}`,
        String(c.private),
        'false',
        '2025-01-06 09:00:00 UTC',
        '',
        '',
        `https://www.yammer.com/api/v1/groups/${c.id}`,
      ].join(','),
    ),
  ];
  await writeZip(zipPath, [
    ['Messages.csv', lines(messages)],
    ['Users.csv', lines(users)],
    ['Groups.csv', lines(groups)],
    ['Networks.csv', lines(['id,name,permalink', '42,Demo Company,demo.example'])],
  ]);

  const threadCount = threadDays;
  const interactions = threadCount * REPLIES_PER_THREAD;
  return {
    people,
    communities,
    threads: threadCount,
    perCommunity: new Map(
      [...perCommunity].map(([id, tally]) => [
        id,
        {
          threads: tally.threads,
          people: tally.people.size,
          interactions: tally.interactions,
          crossing: tally.crossing,
        },
      ]),
    ),
    activities: threadCount * (1 + REPLIES_PER_THREAD) + 1,
    interactions,
    crossingInteractions: threadCount * CROSSING_REPLIES_PER_THREAD,
    interactionsPerPerson: 2 * REPLIES_PER_THREAD,
    firstDay: options.firstDay,
    lastDay,
  };
}

/** The first people of a department who are in the directory (not the CEO) on every day of the export. */
function pickPeople(demo: DemoOrganisation, departmentName: string, firstDay: string, lastDay: string) {
  const unit = demo.orgUnits.find((u) => u.kind === 'department' && u.name === departmentName);
  if (!unit) throw new Error(`the demo company has no department ${departmentName}`);
  const picked = demo.people
    .filter(
      (p) =>
        p.orgUnitExternalId === unit.externalId &&
        p.level > 1 &&
        p.startDate <= firstDay &&
        (p.endDate === null || p.endDate > lastDay),
    )
    .slice(0, PEOPLE_PER_DEPARTMENT);
  if (picked.length < PEOPLE_PER_DEPARTMENT) {
    throw new Error(`${departmentName} has fewer than ${PEOPLE_PER_DEPARTMENT} people for the export`);
  }
  return picked.map((p) => ({
    identityKey: p.externalId,
    departmentName,
    departmentExternalId: unit.externalId,
  }));
}

function messageRow(
  id: number,
  repliedTo: number | null,
  threadId: number,
  community: EngageCommunity,
  sender: EngagePerson,
  createdAt: string,
): string {
  return [
    id,
    repliedTo ?? '',
    threadId,
    4000 + threadId,
    community.id,
    community.name,
    '',
    String(community.private),
    'false',
    sender.userId,
    'user',
    `User ${sender.userId}`,
    sender.identityKey,
    repliedTo === null ? `"Thread ${threadId}: what do you think, everyone?"` : '"Thanks, here is my take."',
    `https://www.yammer.com/api/v1/messages/${id}`,
    '',
    '',
    '',
    createdAt,
    '',
  ].join(',');
}

function lines(rows: string[]): string {
  return rows.join('\r\n') + '\r\n';
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

async function writeZip(path: string, entries: [string, string][]): Promise<void> {
  const zip = new ZipFile();
  const written = pipeline(zip.outputStream, createWriteStream(path));
  for (const [name, content] of entries) zip.addBuffer(Buffer.from(content, 'utf8'), name);
  zip.end();
  await written;
}
