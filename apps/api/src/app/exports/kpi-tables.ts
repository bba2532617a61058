import type {
  AdoptionReport,
  BestCasesReport,
  CommunitiesReport,
  CommunityDetail,
  DiffusionReport,
  EngagementReport,
  FirstPostReport,
  KnowledgeFlowReport,
  LifecycleReport,
  NetworkPeopleReport,
  NetworkReport,
  ParticipationReport,
  PeopleReport,
  PersonasReport,
  RetentionReport,
} from '@uptake/contracts';
import { bestCaseSentence, bestCasesMethodSentence } from './server-sentences';
import {
  col,
  figuresTable,
  type CellKind,
  type ColumnSpec,
  type ReportTables,
  type Row,
  type TableSpec,
} from './table';

/** The KPI reports' tables (see report-tables.ts). */

const period = [col('start', 'day'), col('end', 'day')];
const personaShares = (prefix: string): ColumnSpec[] =>
  ['catalyst', 'engager', 'responder', 'broadcaster', 'observer'].map((persona) =>
    col(`${prefix}.${persona}`, 'share'),
  );
/** Unit names by id, for tables that link two units by id (network links, knowledge-flow cells). */
function unitNames(
  units: readonly { orgUnitId: string | null; name: string }[],
): (id: string | null) => string {
  const names = new Map(units.map((unit) => [unit.orgUnitId, unit.name]));
  return (id) => names.get(id) ?? id ?? '';
}

export const adoption: ReportTables<AdoptionReport> = [
  {
    name: 'points',
    rows: (report) => report.points,
    columns: [
      ...period,
      col('eligible', 'count'),
      col('active', 'count'),
      col('activated', 'count'),
      col('adoptionRate', 'share'),
      col('averageDailyActive', 'number'),
      col('weeklyActive', 'count'),
      col('monthlyActive', 'count'),
      col('stickiness', 'share'),
      col('joinedOnly', 'count'),
    ],
  },
];

export const participation: ReportTables<ParticipationReport> = [
  {
    name: 'points',
    rows: (report) => report.points,
    columns: [
      ...period,
      col('eligible', 'count'),
      col('creators', 'count'),
      col('contributors', 'count'),
      col('readers', 'count'),
      col('inactive', 'count'),
    ],
  },
  figuresTable('summary', [
    ['personas.creator', 'count'],
    ['personas.responder', 'count'],
    ['personas.reactor', 'count'],
    ['personas.observer', 'count'],
    ['concentration.top1Percent', 'share'],
    ['concentration.top10Percent', 'share'],
    ['concentration.activePeople', 'count'],
  ]),
];

const threadsReason = (row: Row) =>
  (row['threadsNotMeasurable'] as { message?: string } | undefined)?.message ?? undefined;

export const engagement: ReportTables<EngagementReport> = [
  {
    name: 'points',
    rows: (report) => report.points,
    columns: [
      ...period,
      col('active', 'count'),
      col('posts', 'count'),
      col('replies', 'count'),
      col('reactions', 'count'),
      col('postsPerActive', 'number'),
      col('repliesPerActive', 'number'),
      col('reactionsPerActive', 'number'),
      col('threads', 'count', { reason: threadsReason }),
      col('threadsWithResponse', 'share', { reason: threadsReason }),
      col('medianHoursToFirstResponse', 'hours', { reason: threadsReason }),
      col('unattributedReactions', 'count'),
    ],
  },
];

export const retention: ReportTables<RetentionReport> = [
  {
    name: 'cohorts',
    rows: (report) => report.cohorts,
    columns: [
      col('week', 'day'),
      col('size', 'count'),
      col('retained', 'share', { spread: true, label: 'col.retainedWeek' }),
    ],
  },
  {
    name: 'units',
    rows: (report) => report.byUnit,
    columns: [
      col('name', 'text'),
      col('activated', 'count'),
      col('triedAndStopped', 'count'),
      col('rate', 'share'),
    ],
  },
  figuresTable('summary', [
    ['silentWeeks', 'number'],
    ['activated', 'count'],
    ['triedAndStopped', 'count'],
    ['triedAndStoppedRate', 'share'],
    ['reactivated', 'count'],
  ]),
];

export const network: ReportTables<NetworkReport> = [
  {
    name: 'units',
    rows: (report) => report.units,
    columns: [
      col('name', 'text'),
      col('people', 'count'),
      col('internalInteractions', 'count'),
      col('outgoingInteractions', 'count'),
      col('incomingInteractions', 'count'),
      col('champions', 'count'),
    ],
  },
  {
    name: 'links',
    rows: (report) => {
      const name = unitNames(report.units);
      return report.links.map((link) => ({
        ...link,
        sourceName: name(link.source),
        targetName: name(link.target),
      }));
    },
    columns: [col('sourceName', 'text'), col('targetName', 'text'), col('interactions', 'count')],
  },
  {
    name: 'crossing',
    rows: (report) =>
      Object.entries(report.crossing).map(([boundary, figures]) => ({ boundary, ...figures })),
    columns: [
      col('boundary', 'enum'),
      col('share', 'share'),
      col('interactions', 'count'),
      col('people', 'count'),
    ],
  },
  figuresTable('summary', [
    ['summary.people', 'count'],
    ['summary.interactions', 'count'],
    ['summary.density', 'number'],
    ['summary.averageDegree', 'number'],
    ['summary.components', 'count'],
    ['summary.largestComponentShare', 'share'],
    ['hiddenLinks', 'count'],
  ]),
];

export const networkPeople: ReportTables<NetworkPeopleReport> = [
  {
    name: 'brokers',
    rows: (report) => report.brokers,
    columns: [
      col('pseudonym', 'text'),
      col('orgUnitId', 'text'),
      col('betweenness', 'number'),
      col('degree', 'count'),
    ],
  },
  figuresTable('betweenness', [
    ['betweenness.people', 'count'],
    ['betweenness.sources', 'count'],
  ]),
  {
    name: 'champions',
    rows: (report) => report.champions,
    columns: [
      col('pseudonym', 'text'),
      col('orgUnitId', 'text'),
      col('adoptedOn', 'day'),
      col('reach', 'count'),
      col('interactions', 'count'),
    ],
  },
];

export const diffusion: ReportTables<DiffusionReport> = [
  {
    name: 'categories',
    rows: (report) => report.categories,
    columns: [
      col('category', 'enum'),
      col('count', 'count'),
      col('share', 'share'),
      col('idealShare', 'share'),
      col('firstAdoption', 'day'),
      col('lastAdoption', 'day'),
    ],
  },
  {
    name: 'curve',
    rows: (report) => report.curve,
    columns: [col('week', 'day'), col('adopters', 'count')],
    inherit: (report) => report.suppressed,
  },
  figuresTable('summary', [
    ['eligible', 'count'],
    ['adopters', 'count'],
    ['bass.p', 'number'],
    ['bass.q', 'number'],
    ['bass.m', 'number'],
    ['bass.rSquared', 'number'],
    ['forecast.targetShare', 'share'],
    ['forecast.targetAdopters', 'count'],
    ['forecast.date', 'day'],
    ['forecast.p10', 'day'],
    ['forecast.p90', 'day'],
    ['forecast.reason', 'text'],
    ['reason', 'text'],
  ]),
];

export const people: ReportTables<PeopleReport> = [
  {
    name: 'people',
    rows: (report) => report.people,
    columns: [
      col('pseudonym', 'text'),
      col('orgUnitId', 'text'),
      col('persona', 'enum'),
      col('events', 'count'),
      col('creations', 'count'),
      col('responses', 'count'),
      col('reactions', 'count'),
      col('activeDays', 'count'),
      col('firstActiveDay', 'day'),
      col('lastActiveDay', 'day'),
    ],
  },
  figuresTable('summary', [['total', 'count']]),
];

const communityColumns: ColumnSpec[] = [
  col('name', 'text'),
  col('kind', 'enum'),
  col('isPrivate', 'boolean'),
  col('members', 'count'),
  col('activeMembers', 'count'),
  col('activeLast12Months', 'count'),
  col('healthIndex', 'share'),
  col('threads', 'count'),
  col('replyCoverage', 'share'),
  col('questions', 'count'),
  col('questionAnsweredRate', 'share'),
  col('medianHoursToFirstReply', 'hours'),
  col('p90HoursToFirstReply', 'hours'),
  col('unansweredShare', 'share'),
  col('topPostersShare', 'share'),
  col('fragile', 'boolean'),
  col('keyPlayerIndex', 'share'),
  col('crossDepartmentShare', 'share'),
  col('memberGrowthPerWeek', 'share'),
  col('viral.growing', 'boolean'),
  col('viral.growth', 'share'),
];

export const communities: ReportTables<CommunitiesReport> = [
  { name: 'communities', rows: (report) => report.communities, columns: communityColumns },
  figuresTable('organisation', [
    ['total', 'count'],
    ['organisation.replyCoverage', 'share'],
    ['organisation.medianHoursToFirstReply', 'hours'],
    ['organisation.unansweredShare', 'share'],
    ['organisation.crossDepartmentShare', 'share'],
    ['organisation.questionAnsweredRate', 'share'],
  ]),
];

export const community: ReportTables<CommunityDetail> = [
  { name: 'community', rows: (report) => [report.community], columns: communityColumns },
  {
    name: 'weekly',
    rows: (report) => report.community.weekly,
    columns: [
      col('week', 'day'),
      col('activePeople', 'count'),
      col('members', 'count'),
      col('posts', 'count'),
    ],
    inherit: (report) => report.community.suppressed,
  },
  {
    name: 'response-hours',
    rows: (report) => report.responseHours,
    columns: [col('upToHours', 'hours'), col('threads', 'count')],
    inherit: (report) => report.suppressed,
  },
  {
    name: 'departments',
    rows: (report) => report.departments,
    columns: [col('fromName', 'text'), col('toName', 'text'), col('responses', 'count')],
    inherit: (report) => report.suppressed,
  },
  figuresTable('personas', [
    ...['catalyst', 'engager', 'responder', 'broadcaster', 'observer'].map((persona): [string, CellKind] => [
      `personas.${persona}`,
      'share',
    ]),
    ['hiddenFlows', 'count'],
  ]),
];

export const bestCases: ReportTables<BestCasesReport> = [
  {
    name: 'candidates',
    rows: (report) => report.candidates,
    columns: [
      col('rank', 'count'),
      col('kind', 'enum'),
      col('name', 'text'),
      col('people', 'count'),
      col('score', 'number'),
    ],
  },
  {
    name: 'criteria',
    rows: (report) =>
      report.candidates.flatMap((candidate) =>
        candidate.criteria.map((criterion) => ({ candidate: candidate.name, ...criterion })),
      ),
    columns: [
      col('candidate', 'text'),
      col('criterion', 'enum'),
      col('value', 'number'),
      col('organisationValue', 'number'),
      col('score', 'number'),
      col('explanation', 'text', { say: bestCaseSentence }),
    ],
  },
  bestCasesSummary(),
];

/** The summary figures, the method paragraph in the export's language when the report names its method. */
function bestCasesSummary(): TableSpec<BestCasesReport> {
  const summary = figuresTable<BestCasesReport>('summary', [
    ['excluded', 'count'],
    ['method', 'text'],
  ]);
  return {
    ...summary,
    rows: (report) =>
      summary
        .rows(report)
        .map((row) => (row['figure'] === 'method' ? { ...row, methodCode: report.methodCode } : row)),
    columns: summary.columns.map((column) =>
      column.path === 'value' ? { ...column, say: bestCasesMethodSentence } : column,
    ),
  };
}

export const personas: ReportTables<PersonasReport> = [
  {
    name: 'units',
    rows: (report) => report.byUnit,
    columns: [col('name', 'text'), col('activePeople', 'count'), ...personaShares('personas')],
  },
  figuresTable('summary', [
    ['activePeople', 'count'],
    ...personaShares('personas').map((column): [string, CellKind] => [column.path, 'share']),
    ['habits.habitual', 'share'],
    ['habits.powerUsers', 'share'],
    ['habits.activePeople', 'count'],
  ]),
];

export const lifecycle: ReportTables<LifecycleReport> = [
  {
    name: 'weeks',
    rows: (report) => report.weeks,
    columns: [
      col('week', 'day'),
      col('active', 'count'),
      col('new', 'count'),
      col('retained', 'count'),
      col('reactivated', 'count'),
      col('dormant', 'count'),
      col('netChange', 'count'),
    ],
  },
];

const answeredShare = [col('firstPosts', 'count'), col('answeredWithin24h', 'share')];
const firstPostGroup = (group: 'answered' | 'unanswered'): [string, CellKind][] => [
  [`${group}.people`, 'count'],
  ...(['retained4Weeks', 'retained8Weeks'] as const).flatMap((window): [string, CellKind][] => [
    [`${group}.${window}.rate`, 'share'],
    [`${group}.${window}.low`, 'share'],
    [`${group}.${window}.high`, 'share'],
    [`${group}.${window}.people`, 'count'],
  ]),
];
const difference = (path: string): [string, CellKind][] =>
  ['difference', 'low', 'high'].map((part) => [`${path}.${part}`, 'share']);

export const firstPost: ReportTables<FirstPostReport> = [
  figuresTable('summary', [
    ['answeredWithin24h', 'share'],
    ...firstPostGroup('answered'),
    ...firstPostGroup('unanswered'),
    ...difference('difference4Weeks'),
    ...difference('difference8Weeks'),
  ]),
  { name: 'weeks', rows: (report) => report.byWeek, columns: [col('week', 'day'), ...answeredShare] },
  { name: 'units', rows: (report) => report.byUnit, columns: [col('name', 'text'), ...answeredShare] },
  {
    name: 'communities',
    rows: (report) => report.byCommunity,
    columns: [col('name', 'text'), ...answeredShare],
  },
];

export const knowledgeFlow: ReportTables<KnowledgeFlowReport> = [
  {
    name: 'units',
    rows: (report) => report.units,
    columns: [
      col('name', 'text'),
      col('threadsStarted', 'count'),
      col('answersToOthers', 'count'),
      col('answeredByOthers', 'count'),
      col('expertiseRatio', 'number'),
      col('hiddenExpertise', 'boolean'),
    ],
  },
  {
    name: 'cells',
    rows: (report) => {
      const name = unitNames(report.units);
      return report.cells.map((cell) => ({
        askerName: name(cell.askerOrgUnitId),
        responderName: name(cell.responderOrgUnitId),
        threads: cell.threads,
      }));
    },
    columns: [col('askerName', 'text'), col('responderName', 'text'), col('threads', 'count')],
  },
  {
    name: 'months',
    rows: (report) => report.byMonth,
    columns: [
      col('month', 'day'),
      col('answeredThreads', 'count'),
      col('crossDepartmentShare', 'share'),
      col('crossCompanyShare', 'share'),
    ],
  },
  {
    name: 'leadership',
    rows: (report) => report.leadership,
    columns: [
      col('level', 'count'),
      col('people', 'count'),
      col('activeShare', 'share'),
      col('postsPerPerson', 'number'),
      col('repliesPerPerson', 'number'),
      col('repliesToStaff', 'number'),
      col('repliesToLeaders', 'number'),
      col('reachPerActive', 'number'),
    ],
  },
  figuresTable('summary', [
    ['answeredThreads', 'count'],
    ['crossDepartmentShare', 'share'],
    ['crossCompanyShare', 'share'],
    ['hiddenCells', 'count'],
  ]),
];
