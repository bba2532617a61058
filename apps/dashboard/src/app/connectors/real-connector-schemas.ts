import type { ConnectorInfo } from '@uptake/contracts';

/*
 * Four entries of the real GET /api/connectors answer (z.toJSONSchema of the connectors' own zod schemas,
 * as ConnectorsController builds it), copied from the connectors of this checkout so the form is tested on
 * what the API really sends: descriptions, anyOf alternatives, uri/uuid formats, enum lists, objects.
 */
export const REAL_CONNECTORS: Record<string, ConnectorInfo> = {
  'ms-teams': {
    type: 'ms-teams',
    input: 'api',
    title: 'Microsoft Teams channel and chat messages (Microsoft Graph)',
    fileExtensions: [],
    connectionTest: true,
    streams: ['groups', 'activity'],
    settingsSchema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        baseUrl: {
          default: 'https://graph.microsoft.com/v1.0',
          description: 'The Microsoft Graph API root',
          type: 'string',
          format: 'uri',
        },
        tokenUrl: {
          default: 'https://login.microsoftonline.com',
          description: 'The Entra ID token endpoint',
          type: 'string',
          format: 'uri',
        },
        tenantId: {
          anyOf: [
            {
              type: 'string',
              format: 'uuid',
              pattern: '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$',
            },
            {
              type: 'string',
              pattern: '^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$',
            },
          ],
          description: 'The directory (tenant) id, or one of its verified domains',
        },
        identity: {
          default: 'userPrincipalName',
          description: 'User property people are keyed by (lower-cased): as in the Entra ID directory source',
          type: 'string',
          enum: ['userPrincipalName', 'mail'],
        },
        teams: {
          description: 'Only these teams (group ids)',
          minItems: 1,
          maxItems: 1000,
          type: 'array',
          items: {
            type: 'string',
            format: 'uuid',
            pattern: '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$',
          },
        },
        pageSize: {
          default: 50,
          description: 'Messages per page ($top, at most 50)',
          type: 'integer',
          minimum: 1,
          maximum: 50,
        },
        maxPagesPerRun: {
          default: 5000,
          description: 'Message pages read per run; the next run continues from there',
          type: 'integer',
          minimum: 1,
          maximum: 100000,
        },
        maxRepliesPerMessage: {
          default: 1000,
          type: 'integer',
          minimum: 1,
          maximum: 10000,
        },
        maxMembersPerGroup: {
          default: 10000,
          type: 'integer',
          minimum: 1,
          maximum: 100000,
        },
        maxTeams: {
          default: 5000,
          type: 'integer',
          minimum: 1,
          maximum: 100000,
        },
        maxChannelsPerTeam: {
          default: 1000,
          type: 'integer',
          minimum: 1,
          maximum: 1000,
        },
        includeChats: {
          default: false,
          description: 'Also read chats (1:1, group, meeting) as private chat activity: needs Chat.Read.All',
          type: 'boolean',
        },
        chatsModel: {
          default: 'evaluation',
          description: 'Licensing and payment model for chat messages (model=A or B; evaluation: none)',
          type: 'string',
          enum: ['evaluation', 'A', 'B'],
        },
        maxChatUsers: {
          default: 50000,
          type: 'integer',
          minimum: 1,
          maximum: 100000,
        },
      },
      required: ['tenantId'],
      additionalProperties: false,
    },
    credentialsSchema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        clientId: {
          type: 'string',
          format: 'uuid',
          pattern: '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$',
        },
        clientSecret: {
          type: 'string',
          minLength: 1,
        },
      },
      required: ['clientId', 'clientSecret'],
      additionalProperties: false,
    },
  },
  csv: {
    type: 'csv',
    input: 'file',
    title: 'Activity file (CSV, NDJSON or JSON)',
    fileExtensions: ['.csv', '.ndjson', '.jsonl', '.json'],
    connectionTest: false,
    streams: ['groups', 'activity'],
    settingsSchema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        columns: {
          type: 'object',
          properties: {
            external_id: {
              anyOf: [
                {
                  type: 'string',
                  minLength: 1,
                  maxLength: 200,
                },
                {
                  minItems: 1,
                  maxItems: 4,
                  type: 'array',
                  items: {
                    anyOf: [
                      {
                        type: 'string',
                        minLength: 1,
                        maxLength: 200,
                      },
                      {
                        type: 'object',
                        properties: {
                          column: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          split: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 10,
                          },
                          part: {
                            type: 'integer',
                            minimum: -50,
                            maximum: 50,
                          },
                          missing: {
                            minItems: 1,
                            maxItems: 20,
                            type: 'array',
                            items: {
                              type: 'string',
                              maxLength: 100,
                            },
                          },
                          value: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 512,
                          },
                          join: {
                            minItems: 1,
                            maxItems: 8,
                            type: 'array',
                            items: {
                              anyOf: [
                                {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                {
                                  type: 'object',
                                  properties: {
                                    column: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 200,
                                    },
                                    split: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 10,
                                    },
                                    part: {
                                      type: 'integer',
                                      minimum: -50,
                                      maximum: 50,
                                    },
                                    missing: {
                                      minItems: 1,
                                      maxItems: 20,
                                      type: 'array',
                                      items: {
                                        type: 'string',
                                        maxLength: 100,
                                      },
                                    },
                                    value: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 512,
                                    },
                                  },
                                  additionalProperties: false,
                                },
                              ],
                            },
                          },
                          separator: {
                            type: 'string',
                            maxLength: 10,
                          },
                          hash: {
                            type: 'boolean',
                          },
                        },
                        additionalProperties: false,
                      },
                    ],
                  },
                },
                {
                  type: 'object',
                  properties: {
                    column: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 200,
                    },
                    split: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 10,
                    },
                    part: {
                      type: 'integer',
                      minimum: -50,
                      maximum: 50,
                    },
                    missing: {
                      minItems: 1,
                      maxItems: 20,
                      type: 'array',
                      items: {
                        type: 'string',
                        maxLength: 100,
                      },
                    },
                    value: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 512,
                    },
                    join: {
                      minItems: 1,
                      maxItems: 8,
                      type: 'array',
                      items: {
                        anyOf: [
                          {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          {
                            type: 'object',
                            properties: {
                              column: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 200,
                              },
                              split: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 10,
                              },
                              part: {
                                type: 'integer',
                                minimum: -50,
                                maximum: 50,
                              },
                              missing: {
                                minItems: 1,
                                maxItems: 20,
                                type: 'array',
                                items: {
                                  type: 'string',
                                  maxLength: 100,
                                },
                              },
                              value: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 512,
                              },
                            },
                            additionalProperties: false,
                          },
                        ],
                      },
                    },
                    separator: {
                      type: 'string',
                      maxLength: 10,
                    },
                    hash: {
                      type: 'boolean',
                    },
                  },
                  additionalProperties: false,
                },
              ],
            },
            occurred_at: {
              anyOf: [
                {
                  type: 'string',
                  minLength: 1,
                  maxLength: 200,
                },
                {
                  minItems: 1,
                  maxItems: 4,
                  type: 'array',
                  items: {
                    anyOf: [
                      {
                        type: 'string',
                        minLength: 1,
                        maxLength: 200,
                      },
                      {
                        type: 'object',
                        properties: {
                          column: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          split: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 10,
                          },
                          part: {
                            type: 'integer',
                            minimum: -50,
                            maximum: 50,
                          },
                          missing: {
                            minItems: 1,
                            maxItems: 20,
                            type: 'array',
                            items: {
                              type: 'string',
                              maxLength: 100,
                            },
                          },
                          value: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 512,
                          },
                          join: {
                            minItems: 1,
                            maxItems: 8,
                            type: 'array',
                            items: {
                              anyOf: [
                                {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                {
                                  type: 'object',
                                  properties: {
                                    column: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 200,
                                    },
                                    split: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 10,
                                    },
                                    part: {
                                      type: 'integer',
                                      minimum: -50,
                                      maximum: 50,
                                    },
                                    missing: {
                                      minItems: 1,
                                      maxItems: 20,
                                      type: 'array',
                                      items: {
                                        type: 'string',
                                        maxLength: 100,
                                      },
                                    },
                                    value: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 512,
                                    },
                                  },
                                  additionalProperties: false,
                                },
                              ],
                            },
                          },
                          separator: {
                            type: 'string',
                            maxLength: 10,
                          },
                          hash: {
                            type: 'boolean',
                          },
                          format: {
                            type: 'string',
                            minLength: 1,
                          },
                        },
                        additionalProperties: false,
                      },
                    ],
                  },
                },
                {
                  type: 'object',
                  properties: {
                    column: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 200,
                    },
                    split: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 10,
                    },
                    part: {
                      type: 'integer',
                      minimum: -50,
                      maximum: 50,
                    },
                    missing: {
                      minItems: 1,
                      maxItems: 20,
                      type: 'array',
                      items: {
                        type: 'string',
                        maxLength: 100,
                      },
                    },
                    value: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 512,
                    },
                    join: {
                      minItems: 1,
                      maxItems: 8,
                      type: 'array',
                      items: {
                        anyOf: [
                          {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          {
                            type: 'object',
                            properties: {
                              column: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 200,
                              },
                              split: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 10,
                              },
                              part: {
                                type: 'integer',
                                minimum: -50,
                                maximum: 50,
                              },
                              missing: {
                                minItems: 1,
                                maxItems: 20,
                                type: 'array',
                                items: {
                                  type: 'string',
                                  maxLength: 100,
                                },
                              },
                              value: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 512,
                              },
                            },
                            additionalProperties: false,
                          },
                        ],
                      },
                    },
                    separator: {
                      type: 'string',
                      maxLength: 10,
                    },
                    hash: {
                      type: 'boolean',
                    },
                    format: {
                      type: 'string',
                      minLength: 1,
                    },
                  },
                  additionalProperties: false,
                },
              ],
            },
            actor_id: {
              anyOf: [
                {
                  type: 'string',
                  minLength: 1,
                  maxLength: 200,
                },
                {
                  minItems: 1,
                  maxItems: 4,
                  type: 'array',
                  items: {
                    anyOf: [
                      {
                        type: 'string',
                        minLength: 1,
                        maxLength: 200,
                      },
                      {
                        type: 'object',
                        properties: {
                          column: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          split: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 10,
                          },
                          part: {
                            type: 'integer',
                            minimum: -50,
                            maximum: 50,
                          },
                          missing: {
                            minItems: 1,
                            maxItems: 20,
                            type: 'array',
                            items: {
                              type: 'string',
                              maxLength: 100,
                            },
                          },
                          value: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 512,
                          },
                          join: {
                            minItems: 1,
                            maxItems: 8,
                            type: 'array',
                            items: {
                              anyOf: [
                                {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                {
                                  type: 'object',
                                  properties: {
                                    column: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 200,
                                    },
                                    split: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 10,
                                    },
                                    part: {
                                      type: 'integer',
                                      minimum: -50,
                                      maximum: 50,
                                    },
                                    missing: {
                                      minItems: 1,
                                      maxItems: 20,
                                      type: 'array',
                                      items: {
                                        type: 'string',
                                        maxLength: 100,
                                      },
                                    },
                                    value: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 512,
                                    },
                                  },
                                  additionalProperties: false,
                                },
                              ],
                            },
                          },
                          separator: {
                            type: 'string',
                            maxLength: 10,
                          },
                          hash: {
                            type: 'boolean',
                          },
                        },
                        additionalProperties: false,
                      },
                    ],
                  },
                },
                {
                  type: 'object',
                  properties: {
                    column: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 200,
                    },
                    split: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 10,
                    },
                    part: {
                      type: 'integer',
                      minimum: -50,
                      maximum: 50,
                    },
                    missing: {
                      minItems: 1,
                      maxItems: 20,
                      type: 'array',
                      items: {
                        type: 'string',
                        maxLength: 100,
                      },
                    },
                    value: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 512,
                    },
                    join: {
                      minItems: 1,
                      maxItems: 8,
                      type: 'array',
                      items: {
                        anyOf: [
                          {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          {
                            type: 'object',
                            properties: {
                              column: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 200,
                              },
                              split: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 10,
                              },
                              part: {
                                type: 'integer',
                                minimum: -50,
                                maximum: 50,
                              },
                              missing: {
                                minItems: 1,
                                maxItems: 20,
                                type: 'array',
                                items: {
                                  type: 'string',
                                  maxLength: 100,
                                },
                              },
                              value: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 512,
                              },
                            },
                            additionalProperties: false,
                          },
                        ],
                      },
                    },
                    separator: {
                      type: 'string',
                      maxLength: 10,
                    },
                    hash: {
                      type: 'boolean',
                    },
                  },
                  additionalProperties: false,
                },
              ],
            },
            type: {
              anyOf: [
                {
                  type: 'string',
                  minLength: 1,
                  maxLength: 200,
                },
                {
                  minItems: 1,
                  maxItems: 4,
                  type: 'array',
                  items: {
                    anyOf: [
                      {
                        type: 'string',
                        minLength: 1,
                        maxLength: 200,
                      },
                      {
                        type: 'object',
                        properties: {
                          column: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          split: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 10,
                          },
                          part: {
                            type: 'integer',
                            minimum: -50,
                            maximum: 50,
                          },
                          missing: {
                            minItems: 1,
                            maxItems: 20,
                            type: 'array',
                            items: {
                              type: 'string',
                              maxLength: 100,
                            },
                          },
                          value: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 512,
                          },
                          join: {
                            minItems: 1,
                            maxItems: 8,
                            type: 'array',
                            items: {
                              anyOf: [
                                {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                {
                                  type: 'object',
                                  properties: {
                                    column: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 200,
                                    },
                                    split: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 10,
                                    },
                                    part: {
                                      type: 'integer',
                                      minimum: -50,
                                      maximum: 50,
                                    },
                                    missing: {
                                      minItems: 1,
                                      maxItems: 20,
                                      type: 'array',
                                      items: {
                                        type: 'string',
                                        maxLength: 100,
                                      },
                                    },
                                    value: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 512,
                                    },
                                  },
                                  additionalProperties: false,
                                },
                              ],
                            },
                          },
                          separator: {
                            type: 'string',
                            maxLength: 10,
                          },
                          hash: {
                            type: 'boolean',
                          },
                          map: {
                            type: 'object',
                            propertyNames: {
                              type: 'string',
                              minLength: 1,
                              maxLength: 100,
                            },
                            additionalProperties: {
                              type: 'string',
                              enum: [
                                'post',
                                'reply',
                                'reaction',
                                'read',
                                'mention',
                                'share',
                                'join',
                                'question',
                                'answer',
                                'call',
                                'chat',
                                'skip',
                              ],
                            },
                          },
                          otherwise: {
                            type: 'string',
                            enum: [
                              'post',
                              'reply',
                              'reaction',
                              'read',
                              'mention',
                              'share',
                              'join',
                              'question',
                              'answer',
                              'call',
                              'chat',
                              'skip',
                            ],
                          },
                          rules: {
                            minItems: 1,
                            maxItems: 20,
                            type: 'array',
                            items: {
                              type: 'object',
                              properties: {
                                when: {
                                  anyOf: [
                                    {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 200,
                                    },
                                    {
                                      type: 'object',
                                      properties: {
                                        column: {
                                          type: 'string',
                                          minLength: 1,
                                          maxLength: 200,
                                        },
                                        split: {
                                          type: 'string',
                                          minLength: 1,
                                          maxLength: 10,
                                        },
                                        part: {
                                          type: 'integer',
                                          minimum: -50,
                                          maximum: 50,
                                        },
                                        missing: {
                                          minItems: 1,
                                          maxItems: 20,
                                          type: 'array',
                                          items: {
                                            type: 'string',
                                            maxLength: 100,
                                          },
                                        },
                                      },
                                      required: ['column'],
                                      additionalProperties: false,
                                    },
                                  ],
                                },
                                equals: {
                                  anyOf: [
                                    {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 100,
                                    },
                                    {
                                      minItems: 1,
                                      maxItems: 50,
                                      type: 'array',
                                      items: {
                                        type: 'string',
                                        minLength: 1,
                                        maxLength: 100,
                                      },
                                    },
                                  ],
                                },
                                present: {
                                  type: 'boolean',
                                },
                                then: {
                                  type: 'string',
                                  enum: [
                                    'post',
                                    'reply',
                                    'reaction',
                                    'read',
                                    'mention',
                                    'share',
                                    'join',
                                    'question',
                                    'answer',
                                    'call',
                                    'chat',
                                    'skip',
                                  ],
                                },
                              },
                              required: ['when', 'then'],
                              additionalProperties: false,
                            },
                          },
                        },
                        additionalProperties: false,
                      },
                    ],
                  },
                },
                {
                  type: 'object',
                  properties: {
                    column: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 200,
                    },
                    split: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 10,
                    },
                    part: {
                      type: 'integer',
                      minimum: -50,
                      maximum: 50,
                    },
                    missing: {
                      minItems: 1,
                      maxItems: 20,
                      type: 'array',
                      items: {
                        type: 'string',
                        maxLength: 100,
                      },
                    },
                    value: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 512,
                    },
                    join: {
                      minItems: 1,
                      maxItems: 8,
                      type: 'array',
                      items: {
                        anyOf: [
                          {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          {
                            type: 'object',
                            properties: {
                              column: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 200,
                              },
                              split: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 10,
                              },
                              part: {
                                type: 'integer',
                                minimum: -50,
                                maximum: 50,
                              },
                              missing: {
                                minItems: 1,
                                maxItems: 20,
                                type: 'array',
                                items: {
                                  type: 'string',
                                  maxLength: 100,
                                },
                              },
                              value: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 512,
                              },
                            },
                            additionalProperties: false,
                          },
                        ],
                      },
                    },
                    separator: {
                      type: 'string',
                      maxLength: 10,
                    },
                    hash: {
                      type: 'boolean',
                    },
                    map: {
                      type: 'object',
                      propertyNames: {
                        type: 'string',
                        minLength: 1,
                        maxLength: 100,
                      },
                      additionalProperties: {
                        type: 'string',
                        enum: [
                          'post',
                          'reply',
                          'reaction',
                          'read',
                          'mention',
                          'share',
                          'join',
                          'question',
                          'answer',
                          'call',
                          'chat',
                          'skip',
                        ],
                      },
                    },
                    otherwise: {
                      type: 'string',
                      enum: [
                        'post',
                        'reply',
                        'reaction',
                        'read',
                        'mention',
                        'share',
                        'join',
                        'question',
                        'answer',
                        'call',
                        'chat',
                        'skip',
                      ],
                    },
                    rules: {
                      minItems: 1,
                      maxItems: 20,
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          when: {
                            anyOf: [
                              {
                                type: 'string',
                                minLength: 1,
                                maxLength: 200,
                              },
                              {
                                type: 'object',
                                properties: {
                                  column: {
                                    type: 'string',
                                    minLength: 1,
                                    maxLength: 200,
                                  },
                                  split: {
                                    type: 'string',
                                    minLength: 1,
                                    maxLength: 10,
                                  },
                                  part: {
                                    type: 'integer',
                                    minimum: -50,
                                    maximum: 50,
                                  },
                                  missing: {
                                    minItems: 1,
                                    maxItems: 20,
                                    type: 'array',
                                    items: {
                                      type: 'string',
                                      maxLength: 100,
                                    },
                                  },
                                },
                                required: ['column'],
                                additionalProperties: false,
                              },
                            ],
                          },
                          equals: {
                            anyOf: [
                              {
                                type: 'string',
                                minLength: 1,
                                maxLength: 100,
                              },
                              {
                                minItems: 1,
                                maxItems: 50,
                                type: 'array',
                                items: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 100,
                                },
                              },
                            ],
                          },
                          present: {
                            type: 'boolean',
                          },
                          then: {
                            type: 'string',
                            enum: [
                              'post',
                              'reply',
                              'reaction',
                              'read',
                              'mention',
                              'share',
                              'join',
                              'question',
                              'answer',
                              'call',
                              'chat',
                              'skip',
                            ],
                          },
                        },
                        required: ['when', 'then'],
                        additionalProperties: false,
                      },
                    },
                  },
                  additionalProperties: false,
                },
              ],
            },
            group_id: {
              anyOf: [
                {
                  type: 'string',
                  minLength: 1,
                  maxLength: 200,
                },
                {
                  minItems: 1,
                  maxItems: 4,
                  type: 'array',
                  items: {
                    anyOf: [
                      {
                        type: 'string',
                        minLength: 1,
                        maxLength: 200,
                      },
                      {
                        type: 'object',
                        properties: {
                          column: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          split: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 10,
                          },
                          part: {
                            type: 'integer',
                            minimum: -50,
                            maximum: 50,
                          },
                          missing: {
                            minItems: 1,
                            maxItems: 20,
                            type: 'array',
                            items: {
                              type: 'string',
                              maxLength: 100,
                            },
                          },
                          value: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 512,
                          },
                          join: {
                            minItems: 1,
                            maxItems: 8,
                            type: 'array',
                            items: {
                              anyOf: [
                                {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                {
                                  type: 'object',
                                  properties: {
                                    column: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 200,
                                    },
                                    split: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 10,
                                    },
                                    part: {
                                      type: 'integer',
                                      minimum: -50,
                                      maximum: 50,
                                    },
                                    missing: {
                                      minItems: 1,
                                      maxItems: 20,
                                      type: 'array',
                                      items: {
                                        type: 'string',
                                        maxLength: 100,
                                      },
                                    },
                                    value: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 512,
                                    },
                                  },
                                  additionalProperties: false,
                                },
                              ],
                            },
                          },
                          separator: {
                            type: 'string',
                            maxLength: 10,
                          },
                          hash: {
                            type: 'boolean',
                          },
                        },
                        additionalProperties: false,
                      },
                    ],
                  },
                },
                {
                  type: 'object',
                  properties: {
                    column: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 200,
                    },
                    split: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 10,
                    },
                    part: {
                      type: 'integer',
                      minimum: -50,
                      maximum: 50,
                    },
                    missing: {
                      minItems: 1,
                      maxItems: 20,
                      type: 'array',
                      items: {
                        type: 'string',
                        maxLength: 100,
                      },
                    },
                    value: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 512,
                    },
                    join: {
                      minItems: 1,
                      maxItems: 8,
                      type: 'array',
                      items: {
                        anyOf: [
                          {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          {
                            type: 'object',
                            properties: {
                              column: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 200,
                              },
                              split: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 10,
                              },
                              part: {
                                type: 'integer',
                                minimum: -50,
                                maximum: 50,
                              },
                              missing: {
                                minItems: 1,
                                maxItems: 20,
                                type: 'array',
                                items: {
                                  type: 'string',
                                  maxLength: 100,
                                },
                              },
                              value: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 512,
                              },
                            },
                            additionalProperties: false,
                          },
                        ],
                      },
                    },
                    separator: {
                      type: 'string',
                      maxLength: 10,
                    },
                    hash: {
                      type: 'boolean',
                    },
                  },
                  additionalProperties: false,
                },
              ],
            },
            group_name: {
              anyOf: [
                {
                  type: 'string',
                  minLength: 1,
                  maxLength: 200,
                },
                {
                  minItems: 1,
                  maxItems: 4,
                  type: 'array',
                  items: {
                    anyOf: [
                      {
                        type: 'string',
                        minLength: 1,
                        maxLength: 200,
                      },
                      {
                        type: 'object',
                        properties: {
                          column: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          split: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 10,
                          },
                          part: {
                            type: 'integer',
                            minimum: -50,
                            maximum: 50,
                          },
                          missing: {
                            minItems: 1,
                            maxItems: 20,
                            type: 'array',
                            items: {
                              type: 'string',
                              maxLength: 100,
                            },
                          },
                          value: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 512,
                          },
                          join: {
                            minItems: 1,
                            maxItems: 8,
                            type: 'array',
                            items: {
                              anyOf: [
                                {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                {
                                  type: 'object',
                                  properties: {
                                    column: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 200,
                                    },
                                    split: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 10,
                                    },
                                    part: {
                                      type: 'integer',
                                      minimum: -50,
                                      maximum: 50,
                                    },
                                    missing: {
                                      minItems: 1,
                                      maxItems: 20,
                                      type: 'array',
                                      items: {
                                        type: 'string',
                                        maxLength: 100,
                                      },
                                    },
                                    value: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 512,
                                    },
                                  },
                                  additionalProperties: false,
                                },
                              ],
                            },
                          },
                          separator: {
                            type: 'string',
                            maxLength: 10,
                          },
                          hash: {
                            type: 'boolean',
                          },
                        },
                        additionalProperties: false,
                      },
                    ],
                  },
                },
                {
                  type: 'object',
                  properties: {
                    column: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 200,
                    },
                    split: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 10,
                    },
                    part: {
                      type: 'integer',
                      minimum: -50,
                      maximum: 50,
                    },
                    missing: {
                      minItems: 1,
                      maxItems: 20,
                      type: 'array',
                      items: {
                        type: 'string',
                        maxLength: 100,
                      },
                    },
                    value: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 512,
                    },
                    join: {
                      minItems: 1,
                      maxItems: 8,
                      type: 'array',
                      items: {
                        anyOf: [
                          {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          {
                            type: 'object',
                            properties: {
                              column: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 200,
                              },
                              split: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 10,
                              },
                              part: {
                                type: 'integer',
                                minimum: -50,
                                maximum: 50,
                              },
                              missing: {
                                minItems: 1,
                                maxItems: 20,
                                type: 'array',
                                items: {
                                  type: 'string',
                                  maxLength: 100,
                                },
                              },
                              value: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 512,
                              },
                            },
                            additionalProperties: false,
                          },
                        ],
                      },
                    },
                    separator: {
                      type: 'string',
                      maxLength: 10,
                    },
                    hash: {
                      type: 'boolean',
                    },
                  },
                  additionalProperties: false,
                },
              ],
            },
            thread_id: {
              anyOf: [
                {
                  type: 'string',
                  minLength: 1,
                  maxLength: 200,
                },
                {
                  minItems: 1,
                  maxItems: 4,
                  type: 'array',
                  items: {
                    anyOf: [
                      {
                        type: 'string',
                        minLength: 1,
                        maxLength: 200,
                      },
                      {
                        type: 'object',
                        properties: {
                          column: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          split: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 10,
                          },
                          part: {
                            type: 'integer',
                            minimum: -50,
                            maximum: 50,
                          },
                          missing: {
                            minItems: 1,
                            maxItems: 20,
                            type: 'array',
                            items: {
                              type: 'string',
                              maxLength: 100,
                            },
                          },
                          value: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 512,
                          },
                          join: {
                            minItems: 1,
                            maxItems: 8,
                            type: 'array',
                            items: {
                              anyOf: [
                                {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                {
                                  type: 'object',
                                  properties: {
                                    column: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 200,
                                    },
                                    split: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 10,
                                    },
                                    part: {
                                      type: 'integer',
                                      minimum: -50,
                                      maximum: 50,
                                    },
                                    missing: {
                                      minItems: 1,
                                      maxItems: 20,
                                      type: 'array',
                                      items: {
                                        type: 'string',
                                        maxLength: 100,
                                      },
                                    },
                                    value: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 512,
                                    },
                                  },
                                  additionalProperties: false,
                                },
                              ],
                            },
                          },
                          separator: {
                            type: 'string',
                            maxLength: 10,
                          },
                          hash: {
                            type: 'boolean',
                          },
                        },
                        additionalProperties: false,
                      },
                    ],
                  },
                },
                {
                  type: 'object',
                  properties: {
                    column: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 200,
                    },
                    split: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 10,
                    },
                    part: {
                      type: 'integer',
                      minimum: -50,
                      maximum: 50,
                    },
                    missing: {
                      minItems: 1,
                      maxItems: 20,
                      type: 'array',
                      items: {
                        type: 'string',
                        maxLength: 100,
                      },
                    },
                    value: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 512,
                    },
                    join: {
                      minItems: 1,
                      maxItems: 8,
                      type: 'array',
                      items: {
                        anyOf: [
                          {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          {
                            type: 'object',
                            properties: {
                              column: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 200,
                              },
                              split: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 10,
                              },
                              part: {
                                type: 'integer',
                                minimum: -50,
                                maximum: 50,
                              },
                              missing: {
                                minItems: 1,
                                maxItems: 20,
                                type: 'array',
                                items: {
                                  type: 'string',
                                  maxLength: 100,
                                },
                              },
                              value: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 512,
                              },
                            },
                            additionalProperties: false,
                          },
                        ],
                      },
                    },
                    separator: {
                      type: 'string',
                      maxLength: 10,
                    },
                    hash: {
                      type: 'boolean',
                    },
                  },
                  additionalProperties: false,
                },
              ],
            },
            target_id: {
              anyOf: [
                {
                  type: 'string',
                  minLength: 1,
                  maxLength: 200,
                },
                {
                  minItems: 1,
                  maxItems: 4,
                  type: 'array',
                  items: {
                    anyOf: [
                      {
                        type: 'string',
                        minLength: 1,
                        maxLength: 200,
                      },
                      {
                        type: 'object',
                        properties: {
                          column: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          split: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 10,
                          },
                          part: {
                            type: 'integer',
                            minimum: -50,
                            maximum: 50,
                          },
                          missing: {
                            minItems: 1,
                            maxItems: 20,
                            type: 'array',
                            items: {
                              type: 'string',
                              maxLength: 100,
                            },
                          },
                          value: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 512,
                          },
                          join: {
                            minItems: 1,
                            maxItems: 8,
                            type: 'array',
                            items: {
                              anyOf: [
                                {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                {
                                  type: 'object',
                                  properties: {
                                    column: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 200,
                                    },
                                    split: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 10,
                                    },
                                    part: {
                                      type: 'integer',
                                      minimum: -50,
                                      maximum: 50,
                                    },
                                    missing: {
                                      minItems: 1,
                                      maxItems: 20,
                                      type: 'array',
                                      items: {
                                        type: 'string',
                                        maxLength: 100,
                                      },
                                    },
                                    value: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 512,
                                    },
                                  },
                                  additionalProperties: false,
                                },
                              ],
                            },
                          },
                          separator: {
                            type: 'string',
                            maxLength: 10,
                          },
                          hash: {
                            type: 'boolean',
                          },
                        },
                        additionalProperties: false,
                      },
                    ],
                  },
                },
                {
                  type: 'object',
                  properties: {
                    column: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 200,
                    },
                    split: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 10,
                    },
                    part: {
                      type: 'integer',
                      minimum: -50,
                      maximum: 50,
                    },
                    missing: {
                      minItems: 1,
                      maxItems: 20,
                      type: 'array',
                      items: {
                        type: 'string',
                        maxLength: 100,
                      },
                    },
                    value: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 512,
                    },
                    join: {
                      minItems: 1,
                      maxItems: 8,
                      type: 'array',
                      items: {
                        anyOf: [
                          {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          {
                            type: 'object',
                            properties: {
                              column: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 200,
                              },
                              split: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 10,
                              },
                              part: {
                                type: 'integer',
                                minimum: -50,
                                maximum: 50,
                              },
                              missing: {
                                minItems: 1,
                                maxItems: 20,
                                type: 'array',
                                items: {
                                  type: 'string',
                                  maxLength: 100,
                                },
                              },
                              value: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 512,
                              },
                            },
                            additionalProperties: false,
                          },
                        ],
                      },
                    },
                    separator: {
                      type: 'string',
                      maxLength: 10,
                    },
                    hash: {
                      type: 'boolean',
                    },
                  },
                  additionalProperties: false,
                },
              ],
            },
            content_length: {
              anyOf: [
                {
                  type: 'string',
                  minLength: 1,
                  maxLength: 200,
                },
                {
                  minItems: 1,
                  maxItems: 4,
                  type: 'array',
                  items: {
                    anyOf: [
                      {
                        type: 'string',
                        minLength: 1,
                        maxLength: 200,
                      },
                      {
                        type: 'object',
                        properties: {
                          column: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          split: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 10,
                          },
                          part: {
                            type: 'integer',
                            minimum: -50,
                            maximum: 50,
                          },
                          missing: {
                            minItems: 1,
                            maxItems: 20,
                            type: 'array',
                            items: {
                              type: 'string',
                              maxLength: 100,
                            },
                          },
                          value: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 512,
                          },
                          join: {
                            minItems: 1,
                            maxItems: 8,
                            type: 'array',
                            items: {
                              anyOf: [
                                {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                {
                                  type: 'object',
                                  properties: {
                                    column: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 200,
                                    },
                                    split: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 10,
                                    },
                                    part: {
                                      type: 'integer',
                                      minimum: -50,
                                      maximum: 50,
                                    },
                                    missing: {
                                      minItems: 1,
                                      maxItems: 20,
                                      type: 'array',
                                      items: {
                                        type: 'string',
                                        maxLength: 100,
                                      },
                                    },
                                    value: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 512,
                                    },
                                  },
                                  additionalProperties: false,
                                },
                              ],
                            },
                          },
                          separator: {
                            type: 'string',
                            maxLength: 10,
                          },
                          hash: {
                            type: 'boolean',
                          },
                          length: {
                            type: 'boolean',
                            const: true,
                          },
                        },
                        additionalProperties: false,
                      },
                    ],
                  },
                },
                {
                  type: 'object',
                  properties: {
                    column: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 200,
                    },
                    split: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 10,
                    },
                    part: {
                      type: 'integer',
                      minimum: -50,
                      maximum: 50,
                    },
                    missing: {
                      minItems: 1,
                      maxItems: 20,
                      type: 'array',
                      items: {
                        type: 'string',
                        maxLength: 100,
                      },
                    },
                    value: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 512,
                    },
                    join: {
                      minItems: 1,
                      maxItems: 8,
                      type: 'array',
                      items: {
                        anyOf: [
                          {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          {
                            type: 'object',
                            properties: {
                              column: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 200,
                              },
                              split: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 10,
                              },
                              part: {
                                type: 'integer',
                                minimum: -50,
                                maximum: 50,
                              },
                              missing: {
                                minItems: 1,
                                maxItems: 20,
                                type: 'array',
                                items: {
                                  type: 'string',
                                  maxLength: 100,
                                },
                              },
                              value: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 512,
                              },
                            },
                            additionalProperties: false,
                          },
                        ],
                      },
                    },
                    separator: {
                      type: 'string',
                      maxLength: 10,
                    },
                    hash: {
                      type: 'boolean',
                    },
                    length: {
                      type: 'boolean',
                      const: true,
                    },
                  },
                  additionalProperties: false,
                },
              ],
            },
            count: {
              anyOf: [
                {
                  type: 'string',
                  minLength: 1,
                  maxLength: 200,
                },
                {
                  minItems: 1,
                  maxItems: 4,
                  type: 'array',
                  items: {
                    anyOf: [
                      {
                        type: 'string',
                        minLength: 1,
                        maxLength: 200,
                      },
                      {
                        type: 'object',
                        properties: {
                          column: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          split: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 10,
                          },
                          part: {
                            type: 'integer',
                            minimum: -50,
                            maximum: 50,
                          },
                          missing: {
                            minItems: 1,
                            maxItems: 20,
                            type: 'array',
                            items: {
                              type: 'string',
                              maxLength: 100,
                            },
                          },
                          value: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 512,
                          },
                          join: {
                            minItems: 1,
                            maxItems: 8,
                            type: 'array',
                            items: {
                              anyOf: [
                                {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                {
                                  type: 'object',
                                  properties: {
                                    column: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 200,
                                    },
                                    split: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 10,
                                    },
                                    part: {
                                      type: 'integer',
                                      minimum: -50,
                                      maximum: 50,
                                    },
                                    missing: {
                                      minItems: 1,
                                      maxItems: 20,
                                      type: 'array',
                                      items: {
                                        type: 'string',
                                        maxLength: 100,
                                      },
                                    },
                                    value: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 512,
                                    },
                                  },
                                  additionalProperties: false,
                                },
                              ],
                            },
                          },
                          separator: {
                            type: 'string',
                            maxLength: 10,
                          },
                          hash: {
                            type: 'boolean',
                          },
                        },
                        additionalProperties: false,
                      },
                    ],
                  },
                },
                {
                  type: 'object',
                  properties: {
                    column: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 200,
                    },
                    split: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 10,
                    },
                    part: {
                      type: 'integer',
                      minimum: -50,
                      maximum: 50,
                    },
                    missing: {
                      minItems: 1,
                      maxItems: 20,
                      type: 'array',
                      items: {
                        type: 'string',
                        maxLength: 100,
                      },
                    },
                    value: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 512,
                    },
                    join: {
                      minItems: 1,
                      maxItems: 8,
                      type: 'array',
                      items: {
                        anyOf: [
                          {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          {
                            type: 'object',
                            properties: {
                              column: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 200,
                              },
                              split: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 10,
                              },
                              part: {
                                type: 'integer',
                                minimum: -50,
                                maximum: 50,
                              },
                              missing: {
                                minItems: 1,
                                maxItems: 20,
                                type: 'array',
                                items: {
                                  type: 'string',
                                  maxLength: 100,
                                },
                              },
                              value: {
                                type: 'string',
                                minLength: 1,
                                maxLength: 512,
                              },
                            },
                            additionalProperties: false,
                          },
                        ],
                      },
                    },
                    separator: {
                      type: 'string',
                      maxLength: 10,
                    },
                    hash: {
                      type: 'boolean',
                    },
                  },
                  additionalProperties: false,
                },
              ],
            },
          },
          additionalProperties: false,
        },
        nested: {
          minItems: 1,
          maxItems: 4,
          type: 'array',
          items: {
            type: 'object',
            properties: {
              each: {
                anyOf: [
                  {
                    type: 'string',
                    minLength: 1,
                    maxLength: 200,
                  },
                  {
                    minItems: 1,
                    maxItems: 4,
                    type: 'array',
                    items: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 200,
                    },
                  },
                ],
              },
              as: {
                type: 'string',
                pattern: '^[A-Za-z_][A-Za-z0-9_]{0,29}$',
              },
              columns: {
                type: 'object',
                properties: {
                  external_id: {
                    anyOf: [
                      {
                        type: 'string',
                        minLength: 1,
                        maxLength: 200,
                      },
                      {
                        minItems: 1,
                        maxItems: 4,
                        type: 'array',
                        items: {
                          anyOf: [
                            {
                              type: 'string',
                              minLength: 1,
                              maxLength: 200,
                            },
                            {
                              type: 'object',
                              properties: {
                                column: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                split: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 10,
                                },
                                part: {
                                  type: 'integer',
                                  minimum: -50,
                                  maximum: 50,
                                },
                                missing: {
                                  minItems: 1,
                                  maxItems: 20,
                                  type: 'array',
                                  items: {
                                    type: 'string',
                                    maxLength: 100,
                                  },
                                },
                                value: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 512,
                                },
                                join: {
                                  minItems: 1,
                                  maxItems: 8,
                                  type: 'array',
                                  items: {
                                    anyOf: [
                                      {
                                        type: 'string',
                                        minLength: 1,
                                        maxLength: 200,
                                      },
                                      {
                                        type: 'object',
                                        properties: {
                                          column: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 200,
                                          },
                                          split: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 10,
                                          },
                                          part: {
                                            type: 'integer',
                                            minimum: -50,
                                            maximum: 50,
                                          },
                                          missing: {
                                            minItems: 1,
                                            maxItems: 20,
                                            type: 'array',
                                            items: {
                                              type: 'string',
                                              maxLength: 100,
                                            },
                                          },
                                          value: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 512,
                                          },
                                        },
                                        additionalProperties: false,
                                      },
                                    ],
                                  },
                                },
                                separator: {
                                  type: 'string',
                                  maxLength: 10,
                                },
                                hash: {
                                  type: 'boolean',
                                },
                              },
                              additionalProperties: false,
                            },
                          ],
                        },
                      },
                      {
                        type: 'object',
                        properties: {
                          column: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          split: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 10,
                          },
                          part: {
                            type: 'integer',
                            minimum: -50,
                            maximum: 50,
                          },
                          missing: {
                            minItems: 1,
                            maxItems: 20,
                            type: 'array',
                            items: {
                              type: 'string',
                              maxLength: 100,
                            },
                          },
                          value: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 512,
                          },
                          join: {
                            minItems: 1,
                            maxItems: 8,
                            type: 'array',
                            items: {
                              anyOf: [
                                {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                {
                                  type: 'object',
                                  properties: {
                                    column: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 200,
                                    },
                                    split: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 10,
                                    },
                                    part: {
                                      type: 'integer',
                                      minimum: -50,
                                      maximum: 50,
                                    },
                                    missing: {
                                      minItems: 1,
                                      maxItems: 20,
                                      type: 'array',
                                      items: {
                                        type: 'string',
                                        maxLength: 100,
                                      },
                                    },
                                    value: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 512,
                                    },
                                  },
                                  additionalProperties: false,
                                },
                              ],
                            },
                          },
                          separator: {
                            type: 'string',
                            maxLength: 10,
                          },
                          hash: {
                            type: 'boolean',
                          },
                        },
                        additionalProperties: false,
                      },
                    ],
                  },
                  occurred_at: {
                    anyOf: [
                      {
                        type: 'string',
                        minLength: 1,
                        maxLength: 200,
                      },
                      {
                        minItems: 1,
                        maxItems: 4,
                        type: 'array',
                        items: {
                          anyOf: [
                            {
                              type: 'string',
                              minLength: 1,
                              maxLength: 200,
                            },
                            {
                              type: 'object',
                              properties: {
                                column: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                split: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 10,
                                },
                                part: {
                                  type: 'integer',
                                  minimum: -50,
                                  maximum: 50,
                                },
                                missing: {
                                  minItems: 1,
                                  maxItems: 20,
                                  type: 'array',
                                  items: {
                                    type: 'string',
                                    maxLength: 100,
                                  },
                                },
                                value: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 512,
                                },
                                join: {
                                  minItems: 1,
                                  maxItems: 8,
                                  type: 'array',
                                  items: {
                                    anyOf: [
                                      {
                                        type: 'string',
                                        minLength: 1,
                                        maxLength: 200,
                                      },
                                      {
                                        type: 'object',
                                        properties: {
                                          column: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 200,
                                          },
                                          split: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 10,
                                          },
                                          part: {
                                            type: 'integer',
                                            minimum: -50,
                                            maximum: 50,
                                          },
                                          missing: {
                                            minItems: 1,
                                            maxItems: 20,
                                            type: 'array',
                                            items: {
                                              type: 'string',
                                              maxLength: 100,
                                            },
                                          },
                                          value: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 512,
                                          },
                                        },
                                        additionalProperties: false,
                                      },
                                    ],
                                  },
                                },
                                separator: {
                                  type: 'string',
                                  maxLength: 10,
                                },
                                hash: {
                                  type: 'boolean',
                                },
                                format: {
                                  type: 'string',
                                  minLength: 1,
                                },
                              },
                              additionalProperties: false,
                            },
                          ],
                        },
                      },
                      {
                        type: 'object',
                        properties: {
                          column: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          split: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 10,
                          },
                          part: {
                            type: 'integer',
                            minimum: -50,
                            maximum: 50,
                          },
                          missing: {
                            minItems: 1,
                            maxItems: 20,
                            type: 'array',
                            items: {
                              type: 'string',
                              maxLength: 100,
                            },
                          },
                          value: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 512,
                          },
                          join: {
                            minItems: 1,
                            maxItems: 8,
                            type: 'array',
                            items: {
                              anyOf: [
                                {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                {
                                  type: 'object',
                                  properties: {
                                    column: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 200,
                                    },
                                    split: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 10,
                                    },
                                    part: {
                                      type: 'integer',
                                      minimum: -50,
                                      maximum: 50,
                                    },
                                    missing: {
                                      minItems: 1,
                                      maxItems: 20,
                                      type: 'array',
                                      items: {
                                        type: 'string',
                                        maxLength: 100,
                                      },
                                    },
                                    value: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 512,
                                    },
                                  },
                                  additionalProperties: false,
                                },
                              ],
                            },
                          },
                          separator: {
                            type: 'string',
                            maxLength: 10,
                          },
                          hash: {
                            type: 'boolean',
                          },
                          format: {
                            type: 'string',
                            minLength: 1,
                          },
                        },
                        additionalProperties: false,
                      },
                    ],
                  },
                  actor_id: {
                    anyOf: [
                      {
                        type: 'string',
                        minLength: 1,
                        maxLength: 200,
                      },
                      {
                        minItems: 1,
                        maxItems: 4,
                        type: 'array',
                        items: {
                          anyOf: [
                            {
                              type: 'string',
                              minLength: 1,
                              maxLength: 200,
                            },
                            {
                              type: 'object',
                              properties: {
                                column: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                split: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 10,
                                },
                                part: {
                                  type: 'integer',
                                  minimum: -50,
                                  maximum: 50,
                                },
                                missing: {
                                  minItems: 1,
                                  maxItems: 20,
                                  type: 'array',
                                  items: {
                                    type: 'string',
                                    maxLength: 100,
                                  },
                                },
                                value: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 512,
                                },
                                join: {
                                  minItems: 1,
                                  maxItems: 8,
                                  type: 'array',
                                  items: {
                                    anyOf: [
                                      {
                                        type: 'string',
                                        minLength: 1,
                                        maxLength: 200,
                                      },
                                      {
                                        type: 'object',
                                        properties: {
                                          column: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 200,
                                          },
                                          split: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 10,
                                          },
                                          part: {
                                            type: 'integer',
                                            minimum: -50,
                                            maximum: 50,
                                          },
                                          missing: {
                                            minItems: 1,
                                            maxItems: 20,
                                            type: 'array',
                                            items: {
                                              type: 'string',
                                              maxLength: 100,
                                            },
                                          },
                                          value: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 512,
                                          },
                                        },
                                        additionalProperties: false,
                                      },
                                    ],
                                  },
                                },
                                separator: {
                                  type: 'string',
                                  maxLength: 10,
                                },
                                hash: {
                                  type: 'boolean',
                                },
                              },
                              additionalProperties: false,
                            },
                          ],
                        },
                      },
                      {
                        type: 'object',
                        properties: {
                          column: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          split: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 10,
                          },
                          part: {
                            type: 'integer',
                            minimum: -50,
                            maximum: 50,
                          },
                          missing: {
                            minItems: 1,
                            maxItems: 20,
                            type: 'array',
                            items: {
                              type: 'string',
                              maxLength: 100,
                            },
                          },
                          value: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 512,
                          },
                          join: {
                            minItems: 1,
                            maxItems: 8,
                            type: 'array',
                            items: {
                              anyOf: [
                                {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                {
                                  type: 'object',
                                  properties: {
                                    column: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 200,
                                    },
                                    split: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 10,
                                    },
                                    part: {
                                      type: 'integer',
                                      minimum: -50,
                                      maximum: 50,
                                    },
                                    missing: {
                                      minItems: 1,
                                      maxItems: 20,
                                      type: 'array',
                                      items: {
                                        type: 'string',
                                        maxLength: 100,
                                      },
                                    },
                                    value: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 512,
                                    },
                                  },
                                  additionalProperties: false,
                                },
                              ],
                            },
                          },
                          separator: {
                            type: 'string',
                            maxLength: 10,
                          },
                          hash: {
                            type: 'boolean',
                          },
                        },
                        additionalProperties: false,
                      },
                    ],
                  },
                  type: {
                    anyOf: [
                      {
                        type: 'string',
                        minLength: 1,
                        maxLength: 200,
                      },
                      {
                        minItems: 1,
                        maxItems: 4,
                        type: 'array',
                        items: {
                          anyOf: [
                            {
                              type: 'string',
                              minLength: 1,
                              maxLength: 200,
                            },
                            {
                              type: 'object',
                              properties: {
                                column: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                split: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 10,
                                },
                                part: {
                                  type: 'integer',
                                  minimum: -50,
                                  maximum: 50,
                                },
                                missing: {
                                  minItems: 1,
                                  maxItems: 20,
                                  type: 'array',
                                  items: {
                                    type: 'string',
                                    maxLength: 100,
                                  },
                                },
                                value: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 512,
                                },
                                join: {
                                  minItems: 1,
                                  maxItems: 8,
                                  type: 'array',
                                  items: {
                                    anyOf: [
                                      {
                                        type: 'string',
                                        minLength: 1,
                                        maxLength: 200,
                                      },
                                      {
                                        type: 'object',
                                        properties: {
                                          column: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 200,
                                          },
                                          split: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 10,
                                          },
                                          part: {
                                            type: 'integer',
                                            minimum: -50,
                                            maximum: 50,
                                          },
                                          missing: {
                                            minItems: 1,
                                            maxItems: 20,
                                            type: 'array',
                                            items: {
                                              type: 'string',
                                              maxLength: 100,
                                            },
                                          },
                                          value: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 512,
                                          },
                                        },
                                        additionalProperties: false,
                                      },
                                    ],
                                  },
                                },
                                separator: {
                                  type: 'string',
                                  maxLength: 10,
                                },
                                hash: {
                                  type: 'boolean',
                                },
                                map: {
                                  type: 'object',
                                  propertyNames: {
                                    type: 'string',
                                    minLength: 1,
                                    maxLength: 100,
                                  },
                                  additionalProperties: {
                                    type: 'string',
                                    enum: [
                                      'post',
                                      'reply',
                                      'reaction',
                                      'read',
                                      'mention',
                                      'share',
                                      'join',
                                      'question',
                                      'answer',
                                      'call',
                                      'chat',
                                      'skip',
                                    ],
                                  },
                                },
                                otherwise: {
                                  type: 'string',
                                  enum: [
                                    'post',
                                    'reply',
                                    'reaction',
                                    'read',
                                    'mention',
                                    'share',
                                    'join',
                                    'question',
                                    'answer',
                                    'call',
                                    'chat',
                                    'skip',
                                  ],
                                },
                                rules: {
                                  minItems: 1,
                                  maxItems: 20,
                                  type: 'array',
                                  items: {
                                    type: 'object',
                                    properties: {
                                      when: {
                                        anyOf: [
                                          {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 200,
                                          },
                                          {
                                            type: 'object',
                                            properties: {
                                              column: {
                                                type: 'string',
                                                minLength: 1,
                                                maxLength: 200,
                                              },
                                              split: {
                                                type: 'string',
                                                minLength: 1,
                                                maxLength: 10,
                                              },
                                              part: {
                                                type: 'integer',
                                                minimum: -50,
                                                maximum: 50,
                                              },
                                              missing: {
                                                minItems: 1,
                                                maxItems: 20,
                                                type: 'array',
                                                items: {
                                                  type: 'string',
                                                  maxLength: 100,
                                                },
                                              },
                                            },
                                            required: ['column'],
                                            additionalProperties: false,
                                          },
                                        ],
                                      },
                                      equals: {
                                        anyOf: [
                                          {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 100,
                                          },
                                          {
                                            minItems: 1,
                                            maxItems: 50,
                                            type: 'array',
                                            items: {
                                              type: 'string',
                                              minLength: 1,
                                              maxLength: 100,
                                            },
                                          },
                                        ],
                                      },
                                      present: {
                                        type: 'boolean',
                                      },
                                      then: {
                                        type: 'string',
                                        enum: [
                                          'post',
                                          'reply',
                                          'reaction',
                                          'read',
                                          'mention',
                                          'share',
                                          'join',
                                          'question',
                                          'answer',
                                          'call',
                                          'chat',
                                          'skip',
                                        ],
                                      },
                                    },
                                    required: ['when', 'then'],
                                    additionalProperties: false,
                                  },
                                },
                              },
                              additionalProperties: false,
                            },
                          ],
                        },
                      },
                      {
                        type: 'object',
                        properties: {
                          column: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          split: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 10,
                          },
                          part: {
                            type: 'integer',
                            minimum: -50,
                            maximum: 50,
                          },
                          missing: {
                            minItems: 1,
                            maxItems: 20,
                            type: 'array',
                            items: {
                              type: 'string',
                              maxLength: 100,
                            },
                          },
                          value: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 512,
                          },
                          join: {
                            minItems: 1,
                            maxItems: 8,
                            type: 'array',
                            items: {
                              anyOf: [
                                {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                {
                                  type: 'object',
                                  properties: {
                                    column: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 200,
                                    },
                                    split: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 10,
                                    },
                                    part: {
                                      type: 'integer',
                                      minimum: -50,
                                      maximum: 50,
                                    },
                                    missing: {
                                      minItems: 1,
                                      maxItems: 20,
                                      type: 'array',
                                      items: {
                                        type: 'string',
                                        maxLength: 100,
                                      },
                                    },
                                    value: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 512,
                                    },
                                  },
                                  additionalProperties: false,
                                },
                              ],
                            },
                          },
                          separator: {
                            type: 'string',
                            maxLength: 10,
                          },
                          hash: {
                            type: 'boolean',
                          },
                          map: {
                            type: 'object',
                            propertyNames: {
                              type: 'string',
                              minLength: 1,
                              maxLength: 100,
                            },
                            additionalProperties: {
                              type: 'string',
                              enum: [
                                'post',
                                'reply',
                                'reaction',
                                'read',
                                'mention',
                                'share',
                                'join',
                                'question',
                                'answer',
                                'call',
                                'chat',
                                'skip',
                              ],
                            },
                          },
                          otherwise: {
                            type: 'string',
                            enum: [
                              'post',
                              'reply',
                              'reaction',
                              'read',
                              'mention',
                              'share',
                              'join',
                              'question',
                              'answer',
                              'call',
                              'chat',
                              'skip',
                            ],
                          },
                          rules: {
                            minItems: 1,
                            maxItems: 20,
                            type: 'array',
                            items: {
                              type: 'object',
                              properties: {
                                when: {
                                  anyOf: [
                                    {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 200,
                                    },
                                    {
                                      type: 'object',
                                      properties: {
                                        column: {
                                          type: 'string',
                                          minLength: 1,
                                          maxLength: 200,
                                        },
                                        split: {
                                          type: 'string',
                                          minLength: 1,
                                          maxLength: 10,
                                        },
                                        part: {
                                          type: 'integer',
                                          minimum: -50,
                                          maximum: 50,
                                        },
                                        missing: {
                                          minItems: 1,
                                          maxItems: 20,
                                          type: 'array',
                                          items: {
                                            type: 'string',
                                            maxLength: 100,
                                          },
                                        },
                                      },
                                      required: ['column'],
                                      additionalProperties: false,
                                    },
                                  ],
                                },
                                equals: {
                                  anyOf: [
                                    {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 100,
                                    },
                                    {
                                      minItems: 1,
                                      maxItems: 50,
                                      type: 'array',
                                      items: {
                                        type: 'string',
                                        minLength: 1,
                                        maxLength: 100,
                                      },
                                    },
                                  ],
                                },
                                present: {
                                  type: 'boolean',
                                },
                                then: {
                                  type: 'string',
                                  enum: [
                                    'post',
                                    'reply',
                                    'reaction',
                                    'read',
                                    'mention',
                                    'share',
                                    'join',
                                    'question',
                                    'answer',
                                    'call',
                                    'chat',
                                    'skip',
                                  ],
                                },
                              },
                              required: ['when', 'then'],
                              additionalProperties: false,
                            },
                          },
                        },
                        additionalProperties: false,
                      },
                    ],
                  },
                  group_id: {
                    anyOf: [
                      {
                        type: 'string',
                        minLength: 1,
                        maxLength: 200,
                      },
                      {
                        minItems: 1,
                        maxItems: 4,
                        type: 'array',
                        items: {
                          anyOf: [
                            {
                              type: 'string',
                              minLength: 1,
                              maxLength: 200,
                            },
                            {
                              type: 'object',
                              properties: {
                                column: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                split: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 10,
                                },
                                part: {
                                  type: 'integer',
                                  minimum: -50,
                                  maximum: 50,
                                },
                                missing: {
                                  minItems: 1,
                                  maxItems: 20,
                                  type: 'array',
                                  items: {
                                    type: 'string',
                                    maxLength: 100,
                                  },
                                },
                                value: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 512,
                                },
                                join: {
                                  minItems: 1,
                                  maxItems: 8,
                                  type: 'array',
                                  items: {
                                    anyOf: [
                                      {
                                        type: 'string',
                                        minLength: 1,
                                        maxLength: 200,
                                      },
                                      {
                                        type: 'object',
                                        properties: {
                                          column: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 200,
                                          },
                                          split: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 10,
                                          },
                                          part: {
                                            type: 'integer',
                                            minimum: -50,
                                            maximum: 50,
                                          },
                                          missing: {
                                            minItems: 1,
                                            maxItems: 20,
                                            type: 'array',
                                            items: {
                                              type: 'string',
                                              maxLength: 100,
                                            },
                                          },
                                          value: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 512,
                                          },
                                        },
                                        additionalProperties: false,
                                      },
                                    ],
                                  },
                                },
                                separator: {
                                  type: 'string',
                                  maxLength: 10,
                                },
                                hash: {
                                  type: 'boolean',
                                },
                              },
                              additionalProperties: false,
                            },
                          ],
                        },
                      },
                      {
                        type: 'object',
                        properties: {
                          column: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          split: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 10,
                          },
                          part: {
                            type: 'integer',
                            minimum: -50,
                            maximum: 50,
                          },
                          missing: {
                            minItems: 1,
                            maxItems: 20,
                            type: 'array',
                            items: {
                              type: 'string',
                              maxLength: 100,
                            },
                          },
                          value: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 512,
                          },
                          join: {
                            minItems: 1,
                            maxItems: 8,
                            type: 'array',
                            items: {
                              anyOf: [
                                {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                {
                                  type: 'object',
                                  properties: {
                                    column: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 200,
                                    },
                                    split: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 10,
                                    },
                                    part: {
                                      type: 'integer',
                                      minimum: -50,
                                      maximum: 50,
                                    },
                                    missing: {
                                      minItems: 1,
                                      maxItems: 20,
                                      type: 'array',
                                      items: {
                                        type: 'string',
                                        maxLength: 100,
                                      },
                                    },
                                    value: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 512,
                                    },
                                  },
                                  additionalProperties: false,
                                },
                              ],
                            },
                          },
                          separator: {
                            type: 'string',
                            maxLength: 10,
                          },
                          hash: {
                            type: 'boolean',
                          },
                        },
                        additionalProperties: false,
                      },
                    ],
                  },
                  group_name: {
                    anyOf: [
                      {
                        type: 'string',
                        minLength: 1,
                        maxLength: 200,
                      },
                      {
                        minItems: 1,
                        maxItems: 4,
                        type: 'array',
                        items: {
                          anyOf: [
                            {
                              type: 'string',
                              minLength: 1,
                              maxLength: 200,
                            },
                            {
                              type: 'object',
                              properties: {
                                column: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                split: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 10,
                                },
                                part: {
                                  type: 'integer',
                                  minimum: -50,
                                  maximum: 50,
                                },
                                missing: {
                                  minItems: 1,
                                  maxItems: 20,
                                  type: 'array',
                                  items: {
                                    type: 'string',
                                    maxLength: 100,
                                  },
                                },
                                value: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 512,
                                },
                                join: {
                                  minItems: 1,
                                  maxItems: 8,
                                  type: 'array',
                                  items: {
                                    anyOf: [
                                      {
                                        type: 'string',
                                        minLength: 1,
                                        maxLength: 200,
                                      },
                                      {
                                        type: 'object',
                                        properties: {
                                          column: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 200,
                                          },
                                          split: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 10,
                                          },
                                          part: {
                                            type: 'integer',
                                            minimum: -50,
                                            maximum: 50,
                                          },
                                          missing: {
                                            minItems: 1,
                                            maxItems: 20,
                                            type: 'array',
                                            items: {
                                              type: 'string',
                                              maxLength: 100,
                                            },
                                          },
                                          value: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 512,
                                          },
                                        },
                                        additionalProperties: false,
                                      },
                                    ],
                                  },
                                },
                                separator: {
                                  type: 'string',
                                  maxLength: 10,
                                },
                                hash: {
                                  type: 'boolean',
                                },
                              },
                              additionalProperties: false,
                            },
                          ],
                        },
                      },
                      {
                        type: 'object',
                        properties: {
                          column: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          split: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 10,
                          },
                          part: {
                            type: 'integer',
                            minimum: -50,
                            maximum: 50,
                          },
                          missing: {
                            minItems: 1,
                            maxItems: 20,
                            type: 'array',
                            items: {
                              type: 'string',
                              maxLength: 100,
                            },
                          },
                          value: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 512,
                          },
                          join: {
                            minItems: 1,
                            maxItems: 8,
                            type: 'array',
                            items: {
                              anyOf: [
                                {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                {
                                  type: 'object',
                                  properties: {
                                    column: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 200,
                                    },
                                    split: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 10,
                                    },
                                    part: {
                                      type: 'integer',
                                      minimum: -50,
                                      maximum: 50,
                                    },
                                    missing: {
                                      minItems: 1,
                                      maxItems: 20,
                                      type: 'array',
                                      items: {
                                        type: 'string',
                                        maxLength: 100,
                                      },
                                    },
                                    value: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 512,
                                    },
                                  },
                                  additionalProperties: false,
                                },
                              ],
                            },
                          },
                          separator: {
                            type: 'string',
                            maxLength: 10,
                          },
                          hash: {
                            type: 'boolean',
                          },
                        },
                        additionalProperties: false,
                      },
                    ],
                  },
                  thread_id: {
                    anyOf: [
                      {
                        type: 'string',
                        minLength: 1,
                        maxLength: 200,
                      },
                      {
                        minItems: 1,
                        maxItems: 4,
                        type: 'array',
                        items: {
                          anyOf: [
                            {
                              type: 'string',
                              minLength: 1,
                              maxLength: 200,
                            },
                            {
                              type: 'object',
                              properties: {
                                column: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                split: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 10,
                                },
                                part: {
                                  type: 'integer',
                                  minimum: -50,
                                  maximum: 50,
                                },
                                missing: {
                                  minItems: 1,
                                  maxItems: 20,
                                  type: 'array',
                                  items: {
                                    type: 'string',
                                    maxLength: 100,
                                  },
                                },
                                value: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 512,
                                },
                                join: {
                                  minItems: 1,
                                  maxItems: 8,
                                  type: 'array',
                                  items: {
                                    anyOf: [
                                      {
                                        type: 'string',
                                        minLength: 1,
                                        maxLength: 200,
                                      },
                                      {
                                        type: 'object',
                                        properties: {
                                          column: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 200,
                                          },
                                          split: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 10,
                                          },
                                          part: {
                                            type: 'integer',
                                            minimum: -50,
                                            maximum: 50,
                                          },
                                          missing: {
                                            minItems: 1,
                                            maxItems: 20,
                                            type: 'array',
                                            items: {
                                              type: 'string',
                                              maxLength: 100,
                                            },
                                          },
                                          value: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 512,
                                          },
                                        },
                                        additionalProperties: false,
                                      },
                                    ],
                                  },
                                },
                                separator: {
                                  type: 'string',
                                  maxLength: 10,
                                },
                                hash: {
                                  type: 'boolean',
                                },
                              },
                              additionalProperties: false,
                            },
                          ],
                        },
                      },
                      {
                        type: 'object',
                        properties: {
                          column: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          split: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 10,
                          },
                          part: {
                            type: 'integer',
                            minimum: -50,
                            maximum: 50,
                          },
                          missing: {
                            minItems: 1,
                            maxItems: 20,
                            type: 'array',
                            items: {
                              type: 'string',
                              maxLength: 100,
                            },
                          },
                          value: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 512,
                          },
                          join: {
                            minItems: 1,
                            maxItems: 8,
                            type: 'array',
                            items: {
                              anyOf: [
                                {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                {
                                  type: 'object',
                                  properties: {
                                    column: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 200,
                                    },
                                    split: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 10,
                                    },
                                    part: {
                                      type: 'integer',
                                      minimum: -50,
                                      maximum: 50,
                                    },
                                    missing: {
                                      minItems: 1,
                                      maxItems: 20,
                                      type: 'array',
                                      items: {
                                        type: 'string',
                                        maxLength: 100,
                                      },
                                    },
                                    value: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 512,
                                    },
                                  },
                                  additionalProperties: false,
                                },
                              ],
                            },
                          },
                          separator: {
                            type: 'string',
                            maxLength: 10,
                          },
                          hash: {
                            type: 'boolean',
                          },
                        },
                        additionalProperties: false,
                      },
                    ],
                  },
                  target_id: {
                    anyOf: [
                      {
                        type: 'string',
                        minLength: 1,
                        maxLength: 200,
                      },
                      {
                        minItems: 1,
                        maxItems: 4,
                        type: 'array',
                        items: {
                          anyOf: [
                            {
                              type: 'string',
                              minLength: 1,
                              maxLength: 200,
                            },
                            {
                              type: 'object',
                              properties: {
                                column: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                split: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 10,
                                },
                                part: {
                                  type: 'integer',
                                  minimum: -50,
                                  maximum: 50,
                                },
                                missing: {
                                  minItems: 1,
                                  maxItems: 20,
                                  type: 'array',
                                  items: {
                                    type: 'string',
                                    maxLength: 100,
                                  },
                                },
                                value: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 512,
                                },
                                join: {
                                  minItems: 1,
                                  maxItems: 8,
                                  type: 'array',
                                  items: {
                                    anyOf: [
                                      {
                                        type: 'string',
                                        minLength: 1,
                                        maxLength: 200,
                                      },
                                      {
                                        type: 'object',
                                        properties: {
                                          column: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 200,
                                          },
                                          split: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 10,
                                          },
                                          part: {
                                            type: 'integer',
                                            minimum: -50,
                                            maximum: 50,
                                          },
                                          missing: {
                                            minItems: 1,
                                            maxItems: 20,
                                            type: 'array',
                                            items: {
                                              type: 'string',
                                              maxLength: 100,
                                            },
                                          },
                                          value: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 512,
                                          },
                                        },
                                        additionalProperties: false,
                                      },
                                    ],
                                  },
                                },
                                separator: {
                                  type: 'string',
                                  maxLength: 10,
                                },
                                hash: {
                                  type: 'boolean',
                                },
                              },
                              additionalProperties: false,
                            },
                          ],
                        },
                      },
                      {
                        type: 'object',
                        properties: {
                          column: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          split: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 10,
                          },
                          part: {
                            type: 'integer',
                            minimum: -50,
                            maximum: 50,
                          },
                          missing: {
                            minItems: 1,
                            maxItems: 20,
                            type: 'array',
                            items: {
                              type: 'string',
                              maxLength: 100,
                            },
                          },
                          value: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 512,
                          },
                          join: {
                            minItems: 1,
                            maxItems: 8,
                            type: 'array',
                            items: {
                              anyOf: [
                                {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                {
                                  type: 'object',
                                  properties: {
                                    column: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 200,
                                    },
                                    split: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 10,
                                    },
                                    part: {
                                      type: 'integer',
                                      minimum: -50,
                                      maximum: 50,
                                    },
                                    missing: {
                                      minItems: 1,
                                      maxItems: 20,
                                      type: 'array',
                                      items: {
                                        type: 'string',
                                        maxLength: 100,
                                      },
                                    },
                                    value: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 512,
                                    },
                                  },
                                  additionalProperties: false,
                                },
                              ],
                            },
                          },
                          separator: {
                            type: 'string',
                            maxLength: 10,
                          },
                          hash: {
                            type: 'boolean',
                          },
                        },
                        additionalProperties: false,
                      },
                    ],
                  },
                  content_length: {
                    anyOf: [
                      {
                        type: 'string',
                        minLength: 1,
                        maxLength: 200,
                      },
                      {
                        minItems: 1,
                        maxItems: 4,
                        type: 'array',
                        items: {
                          anyOf: [
                            {
                              type: 'string',
                              minLength: 1,
                              maxLength: 200,
                            },
                            {
                              type: 'object',
                              properties: {
                                column: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                split: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 10,
                                },
                                part: {
                                  type: 'integer',
                                  minimum: -50,
                                  maximum: 50,
                                },
                                missing: {
                                  minItems: 1,
                                  maxItems: 20,
                                  type: 'array',
                                  items: {
                                    type: 'string',
                                    maxLength: 100,
                                  },
                                },
                                value: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 512,
                                },
                                join: {
                                  minItems: 1,
                                  maxItems: 8,
                                  type: 'array',
                                  items: {
                                    anyOf: [
                                      {
                                        type: 'string',
                                        minLength: 1,
                                        maxLength: 200,
                                      },
                                      {
                                        type: 'object',
                                        properties: {
                                          column: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 200,
                                          },
                                          split: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 10,
                                          },
                                          part: {
                                            type: 'integer',
                                            minimum: -50,
                                            maximum: 50,
                                          },
                                          missing: {
                                            minItems: 1,
                                            maxItems: 20,
                                            type: 'array',
                                            items: {
                                              type: 'string',
                                              maxLength: 100,
                                            },
                                          },
                                          value: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 512,
                                          },
                                        },
                                        additionalProperties: false,
                                      },
                                    ],
                                  },
                                },
                                separator: {
                                  type: 'string',
                                  maxLength: 10,
                                },
                                hash: {
                                  type: 'boolean',
                                },
                                length: {
                                  type: 'boolean',
                                  const: true,
                                },
                              },
                              additionalProperties: false,
                            },
                          ],
                        },
                      },
                      {
                        type: 'object',
                        properties: {
                          column: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          split: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 10,
                          },
                          part: {
                            type: 'integer',
                            minimum: -50,
                            maximum: 50,
                          },
                          missing: {
                            minItems: 1,
                            maxItems: 20,
                            type: 'array',
                            items: {
                              type: 'string',
                              maxLength: 100,
                            },
                          },
                          value: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 512,
                          },
                          join: {
                            minItems: 1,
                            maxItems: 8,
                            type: 'array',
                            items: {
                              anyOf: [
                                {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                {
                                  type: 'object',
                                  properties: {
                                    column: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 200,
                                    },
                                    split: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 10,
                                    },
                                    part: {
                                      type: 'integer',
                                      minimum: -50,
                                      maximum: 50,
                                    },
                                    missing: {
                                      minItems: 1,
                                      maxItems: 20,
                                      type: 'array',
                                      items: {
                                        type: 'string',
                                        maxLength: 100,
                                      },
                                    },
                                    value: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 512,
                                    },
                                  },
                                  additionalProperties: false,
                                },
                              ],
                            },
                          },
                          separator: {
                            type: 'string',
                            maxLength: 10,
                          },
                          hash: {
                            type: 'boolean',
                          },
                          length: {
                            type: 'boolean',
                            const: true,
                          },
                        },
                        additionalProperties: false,
                      },
                    ],
                  },
                  count: {
                    anyOf: [
                      {
                        type: 'string',
                        minLength: 1,
                        maxLength: 200,
                      },
                      {
                        minItems: 1,
                        maxItems: 4,
                        type: 'array',
                        items: {
                          anyOf: [
                            {
                              type: 'string',
                              minLength: 1,
                              maxLength: 200,
                            },
                            {
                              type: 'object',
                              properties: {
                                column: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                split: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 10,
                                },
                                part: {
                                  type: 'integer',
                                  minimum: -50,
                                  maximum: 50,
                                },
                                missing: {
                                  minItems: 1,
                                  maxItems: 20,
                                  type: 'array',
                                  items: {
                                    type: 'string',
                                    maxLength: 100,
                                  },
                                },
                                value: {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 512,
                                },
                                join: {
                                  minItems: 1,
                                  maxItems: 8,
                                  type: 'array',
                                  items: {
                                    anyOf: [
                                      {
                                        type: 'string',
                                        minLength: 1,
                                        maxLength: 200,
                                      },
                                      {
                                        type: 'object',
                                        properties: {
                                          column: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 200,
                                          },
                                          split: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 10,
                                          },
                                          part: {
                                            type: 'integer',
                                            minimum: -50,
                                            maximum: 50,
                                          },
                                          missing: {
                                            minItems: 1,
                                            maxItems: 20,
                                            type: 'array',
                                            items: {
                                              type: 'string',
                                              maxLength: 100,
                                            },
                                          },
                                          value: {
                                            type: 'string',
                                            minLength: 1,
                                            maxLength: 512,
                                          },
                                        },
                                        additionalProperties: false,
                                      },
                                    ],
                                  },
                                },
                                separator: {
                                  type: 'string',
                                  maxLength: 10,
                                },
                                hash: {
                                  type: 'boolean',
                                },
                              },
                              additionalProperties: false,
                            },
                          ],
                        },
                      },
                      {
                        type: 'object',
                        properties: {
                          column: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 200,
                          },
                          split: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 10,
                          },
                          part: {
                            type: 'integer',
                            minimum: -50,
                            maximum: 50,
                          },
                          missing: {
                            minItems: 1,
                            maxItems: 20,
                            type: 'array',
                            items: {
                              type: 'string',
                              maxLength: 100,
                            },
                          },
                          value: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 512,
                          },
                          join: {
                            minItems: 1,
                            maxItems: 8,
                            type: 'array',
                            items: {
                              anyOf: [
                                {
                                  type: 'string',
                                  minLength: 1,
                                  maxLength: 200,
                                },
                                {
                                  type: 'object',
                                  properties: {
                                    column: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 200,
                                    },
                                    split: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 10,
                                    },
                                    part: {
                                      type: 'integer',
                                      minimum: -50,
                                      maximum: 50,
                                    },
                                    missing: {
                                      minItems: 1,
                                      maxItems: 20,
                                      type: 'array',
                                      items: {
                                        type: 'string',
                                        maxLength: 100,
                                      },
                                    },
                                    value: {
                                      type: 'string',
                                      minLength: 1,
                                      maxLength: 512,
                                    },
                                  },
                                  additionalProperties: false,
                                },
                              ],
                            },
                          },
                          separator: {
                            type: 'string',
                            maxLength: 10,
                          },
                          hash: {
                            type: 'boolean',
                          },
                        },
                        additionalProperties: false,
                      },
                    ],
                  },
                },
                additionalProperties: false,
              },
            },
            required: ['each', 'as', 'columns'],
            additionalProperties: false,
          },
        },
        delimiter: {
          default: ',',
          type: 'string',
          minLength: 1,
          maxLength: 1,
        },
        typeMapping: {
          type: 'object',
          propertyNames: {
            type: 'string',
            minLength: 1,
            maxLength: 100,
          },
          additionalProperties: {
            type: 'string',
            enum: [
              'post',
              'reply',
              'reaction',
              'read',
              'mention',
              'share',
              'join',
              'question',
              'answer',
              'call',
              'chat',
            ],
          },
        },
        timeZone: {
          type: 'string',
        },
      },
      additionalProperties: false,
    },
    credentialsSchema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
  },
  'ms-graph-reports': {
    type: 'ms-graph-reports',
    input: 'api',
    title: 'Microsoft 365 usage reports (Viva Engage, Teams, e-mail)',
    fileExtensions: ['.csv', '.json'],
    connectionTest: true,
    streams: ['groups', 'activity', 'usage'],
    settingsSchema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        baseUrl: {
          default: 'https://graph.microsoft.com/v1.0',
          type: 'string',
          format: 'uri',
        },
        tokenUrl: {
          default: 'https://login.microsoftonline.com',
          type: 'string',
          format: 'uri',
        },
        tenantId: {
          anyOf: [
            {
              type: 'string',
              format: 'uuid',
              pattern: '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$',
            },
            {
              type: 'string',
              pattern: '^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$',
            },
          ],
        },
        reports: {
          default: ['yammer-groups', 'yammer-activity', 'teams-activity', 'email-activity'],
          minItems: 1,
          type: 'array',
          items: {
            type: 'string',
            enum: ['yammer-groups', 'yammer-activity', 'teams-activity', 'email-activity'],
          },
        },
        lookbackDays: {
          default: 28,
          type: 'integer',
          minimum: 1,
          maximum: 28,
        },
        lagDays: {
          default: 2,
          type: 'integer',
          minimum: 0,
          maximum: 14,
        },
        refreshDays: {
          default: 4,
          type: 'integer',
          minimum: 0,
          maximum: 28,
        },
        checkpointRows: {
          default: 1000,
          type: 'integer',
          minimum: 1,
          maximum: 1000000,
        },
      },
      additionalProperties: false,
    },
    credentialsSchema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        clientId: {
          type: 'string',
          format: 'uuid',
          pattern: '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$',
        },
        clientSecret: {
          type: 'string',
          minLength: 1,
        },
      },
      additionalProperties: false,
    },
  },
  'slack-export': {
    type: 'slack-export',
    input: 'file',
    title: 'Slack workspace export (zip)',
    fileExtensions: ['.zip'],
    connectionTest: false,
    streams: ['groups', 'activity'],
    settingsSchema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        identity: {
          default: 'email',
          type: 'string',
          enum: ['email', 'user_id'],
        },
        includePrivate: {
          default: true,
          type: 'boolean',
        },
      },
      additionalProperties: false,
    },
    credentialsSchema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
  },
};
