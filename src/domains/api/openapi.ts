const error = { description: 'Problem', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Safer Places public API',
      version: '1.0.0',
      description: 'Published Police and Crime Plan content: the plan, missions, objectives, measures and their observations. No key is needed; only published content is returned.',
      license: { name: 'Open Government Licence v3.0', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' },
    },
    servers: [{ url: '/api/v1' }],
    paths: {
      '/plans/current': {
        get: {
          summary: 'The current published plan with its stages and missions, with counts of objectives by status and measures with or awaiting data',
          operationId: 'getCurrentPlan',
          responses: { '200': { description: 'The plan', content: { 'application/json': { schema: { $ref: '#/components/schemas/Plan' } } } }, '404': error },
        },
      },
      '/missions': {
        get: {
          summary: 'Published missions with their published objectives and each objective’s latest update',
          operationId: 'listMissions',
          responses: { '200': { description: 'Missions', content: { 'application/json': { schema: { type: 'object', properties: { planId: { type: 'integer' }, missions: { type: 'array', items: { $ref: '#/components/schemas/Mission' } } } } } } }, '404': error },
        },
      },
      '/measures': {
        get: {
          summary: 'Published measures with baselines and targets',
          operationId: 'listMeasures',
          responses: { '200': { description: 'Measures', content: { 'application/json': { schema: { type: 'object', properties: { planId: { type: 'integer' }, measures: { type: 'array', items: { $ref: '#/components/schemas/Measure' } } } } } } }, '404': error },
        },
      },
      '/measures/{id}/observations': {
        get: {
          summary: 'Current observations of a published measure',
          operationId: 'getMeasureObservations',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
            { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
          ],
          responses: {
            '200': {
              description: 'Observations. CSV columns: measure, period, period_start, period_end, place_code, place_name, value, numerator, denominator, marker, note. Text cells that start with =, +, - or @ are prefixed with an apostrophe.',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/MeasureObservations' } }, 'text/csv': { schema: { type: 'string' } } },
            },
            '400': error,
            '404': error,
          },
        },
      },
      '/measures/{id}/status': {
        get: {
          summary: 'The computed judgement for a published measure: XmR limits per segment, the special-cause rules each point is part of, variation and assurance icons, the trajectory to the targets, the forecast with its prediction interval, and the status in words with its reason',
          operationId: 'getMeasureStatus',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
          responses: {
            '200': {
              description: 'Status. Rules: outside_limits, shift (7+ points one side of the mean), trend (7 points all rising or all falling), two_of_three (2 of 3 beyond two sigma). Status words: on_track, at_risk, off_track, achieved, monitor_only, not_enough_data.',
              content: { 'application/json': { schema: { type: 'object', required: ['measure', 'today', 'series'], properties: { measure: { $ref: '#/components/schemas/Measure' }, today: { type: 'string', format: 'date' }, headlinePlaceCode: { type: ['string', 'null'] }, needsAttention: { type: 'boolean' }, attentionReasons: { type: 'array', items: { type: 'string' } }, series: { type: 'array', items: { type: 'object' } } } } } },
            },
            '400': error,
            '404': error,
          },
        },
      },
      '/crime/counts': {
        get: {
          summary: 'Street crime counts and rates per 1,000 residents by month, for the force area, its community safety partnerships, local authorities or LSOAs (police.uk data)',
          description:
            'One row per place and loaded month (zeros included). "All crime" is every crime type except anti-social behaviour. The force area counts every row of its police.uk street files, including rows with no location and rows in LSOAs outside the force area; a local authority counts its LSOAs. population is the place’s own figure for the month’s year (latest year up to it), else the sum of its LSOAs’; null (and no rate) when neither is loaded.',
          operationId: 'getCrimeCounts',
          parameters: [
            { name: 'place', in: 'query', required: false, description: 'GSS code of the force area, a CSP, a local authority or an LSOA (default: the force area)', schema: { type: 'string', pattern: '^[A-Za-z][0-9]{8}$' } },
            { name: 'level', in: 'query', required: false, description: 'Which places to list: the place itself (default) or those of a level below it', schema: { type: 'string', enum: ['force', 'csp', 'la', 'lsoa'] } },
            { name: 'from', in: 'query', required: false, description: 'First month (default: the first loaded)', schema: { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' } },
            { name: 'to', in: 'query', required: false, description: 'Last month (default: the last loaded)', schema: { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' } },
            { name: 'type', in: 'query', required: false, description: 'A police.uk crime type, by label (Burglary) or slug (burglary, violent-crime); default All crime', schema: { type: 'string' } },
            { name: 'format', in: 'query', required: false, description: 'json (default) or csv; an Accept: text/csv header also gives CSV', schema: { type: 'string', enum: ['json', 'csv'] } },
          ],
          responses: {
            '200': {
              description: 'Counts. CSV columns: month, place_code, place_name, level, crime_type, crimes, population, rate_per_1000.',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['place', 'level', 'from', 'to', 'crimeType', 'rows'],
                    properties: {
                      place: { type: 'string' },
                      level: { type: 'string', enum: ['force', 'csp', 'la', 'lsoa'] },
                      from: { type: 'string' },
                      to: { type: 'string' },
                      crimeType: { type: 'string' },
                      definitions: { type: 'object', additionalProperties: { type: 'string' } },
                      rows: {
                        type: 'array',
                        items: {
                          type: 'object',
                          required: ['month', 'placeCode', 'placeName', 'level', 'crimeType', 'crimes', 'population', 'ratePer1000'],
                          properties: {
                            month: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}$' },
                            placeCode: { type: 'string' },
                            placeName: { type: 'string' },
                            level: { type: 'string', enum: ['force', 'csp', 'la', 'lsoa'] },
                            crimeType: { type: 'string' },
                            crimes: { type: 'integer' },
                            population: { type: ['integer', 'null'] },
                            ratePer1000: { type: ['number', 'null'] },
                          },
                        },
                      },
                    },
                  },
                },
                'text/csv': { schema: { type: 'string' } },
              },
            },
            '400': error,
            '404': error,
          },
        },
      },
      '/crime/hotspots': {
        get: {
          summary: 'Getis-Ord Gi* hotspots of police.uk street crimes (current files, with a location, inside the force area) on a British National Grid square grid: per cell z-score, two-sided p-value and confidence bin (±3/±2/±1 at 99/95/90%), queen neighbourhood (the cell and its 8 neighbours), optional Benjamini–Hochberg false-discovery-rate correction. The study area is the cells whose centre is inside the force area boundary when one is loaded, else the bounding box of the points.',
          operationId: 'getCrimeHotspots',
          parameters: [
            { name: 'types', in: 'query', required: false, description: 'Crime types, comma-separated, as police.uk names them (case-insensitive). Default: every type except Anti-social behaviour.', schema: { type: 'string' } },
            { name: 'from', in: 'query', required: false, description: 'First month (default: 11 months before `to`)', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } },
            { name: 'to', in: 'query', required: false, description: 'Last month (default: the latest imported)', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } },
            { name: 'cell', in: 'query', required: false, description: 'Cell size in metres', schema: { type: 'integer', minimum: 50, maximum: 2000, default: 250 } },
            { name: 'fdr', in: 'query', required: false, schema: { type: 'string', enum: ['on', 'off'], default: 'off' } },
            { name: 'top', in: 'query', required: false, description: 'How many of the hottest cells to list', schema: { type: 'integer', minimum: 1, maximum: 99, default: 20 } },
          ],
          responses: {
            '200': {
              description: 'Parameters used, the study area, cells counted, counts of cells per bin, and the top hotspots (highest z first) with their polygon (closed ring of [easting, northing], EPSG:27700) and WKT',
              content: { 'application/json': { schema: { type: 'object', required: ['parameters', 'studyArea', 'cellsCounted', 'hotspots'], properties: { parameters: { type: 'object' }, studyArea: { type: 'object' }, points: { type: 'integer' }, pointsOutsideStudyArea: { type: 'integer' }, cellsCounted: { type: 'integer' }, binCounts: { type: 'object' }, fdrBinCounts: { type: ['object', 'null'] }, hotspots: { type: 'array', items: { type: 'object', properties: { rank: { type: 'integer' }, col: { type: 'integer' }, row: { type: 'integer' }, crimes: { type: 'integer' }, z: { type: 'number' }, p: { type: 'number' }, bin: { type: 'integer' }, fdrBin: { type: ['integer', 'null'] }, polygon: { type: 'array', items: { type: 'array', items: { type: 'number' } } }, wkt: { type: 'string' } } } } } } } },
            },
            '400': error,
            '404': error,
          },
        },
      },
      '/crime/hotspots/register': {
        get: {
          summary: 'The current hotspot register (the hotspots patrols are checked against): ids H01…, cells, crimes, z, p, bin and polygons in EPSG:27700',
          operationId: 'getHotspotRegister',
          responses: { '200': { description: 'The register', content: { 'application/json': { schema: { type: 'object', required: ['id', 'name', 'hotspots'], properties: { id: { type: 'integer' }, name: { type: 'string' }, crimeTypes: { type: 'array', items: { type: 'string' } }, from: { type: 'string' }, to: { type: 'string' }, cellSize: { type: 'integer' }, fdr: { type: 'boolean' }, hotspots: { type: 'array', items: { type: 'object' } } } } } } }, '404': error },
        },
      },
      '/patrols/compliance': {
        get: {
          summary: 'Hotspot patrol compliance against the current register: the share of hotspot three-day (72-hour) windows with a continuous patrol of 15 minutes or more, overall and per hotspot. Windows start at London midnight on `from`; a last partial window is left out. Crimes in patrolled and unpatrolled windows are counted from timed crime records imported from the force (police.uk gives months only and is never used for this); `crimes` is null when none fall in the period.',
          operationId: 'getPatrolCompliance',
          parameters: [
            { name: 'from', in: 'query', required: false, description: 'First day, London date (default: the first day patrol records cover)', schema: { type: 'string', format: 'date' } },
            { name: 'to', in: 'query', required: false, description: 'Last day, inclusive (default: the last day patrol records cover)', schema: { type: 'string', format: 'date' } },
            { name: 'crimeType', in: 'query', required: false, description: 'Count timed crime records of this crime type only (one of the types loaded; 400 otherwise)', schema: { type: 'string' } },
          ],
          responses: {
            '200': {
              description: 'Compliance (null when there are no patrol records) with windows counted',
              content: { 'application/json': { schema: { type: 'object', properties: { register: { type: 'object' }, period: { type: ['object', 'null'] }, rule: { type: 'object' }, windows: { type: 'integer' }, partialWindows: { type: 'integer' }, compliance: { type: ['object', 'null'], properties: { windows: { type: 'integer' }, patrolled: { type: 'integer' }, percent: { type: ['number', 'null'] } } }, hotspots: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, windows: { type: 'integer' }, patrolled: { type: 'integer' }, percent: { type: ['number', 'null'] } } } }, crimes: { oneOf: [{ type: 'null' }, { $ref: '#/components/schemas/PatrolCrimes' }] }, crimesNote: { type: 'string' }, timedCrimeCoverage: { type: ['object', 'null'], properties: { first: { type: 'string', format: 'date' }, last: { type: 'string', format: 'date' } } } } } } },
            },
            '400': error,
            '404': error,
          },
        },
      },
      '/datasets/{id}/submissions': {
        post: {
          summary:
            'Submit a CSV of a partner dataset for the organisation the token belongs to. Needs an organisation API token (created by an admin, scoped to datasets, expiring, revocable). The file is checked whole (header place_code, period and the dataset’s columns; known place codes of its geography level; periods from its first to the current one; types; each place and period once; no formula cells) and stored whole or not at all. A new submission supersedes the earlier data for its periods (kept in history); an identical file changes nothing.',
          operationId: 'submitDatasetData',
          security: [{ organisationToken: [] }],
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
            { name: 'X-File-Name', in: 'header', required: false, description: 'The file name to record (text/csv bodies)', schema: { type: 'string' } },
          ],
          requestBody: {
            required: true,
            content: {
              'text/csv': { schema: { type: 'string' } },
              'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } },
            },
          },
          responses: {
            '201': {
              description: 'Stored: the submission and what changed per period',
              content: { 'application/json': { schema: { type: 'object', required: ['outcome', 'submission'], properties: { outcome: { const: 'stored' }, submission: { type: 'object', properties: { id: { type: 'integer' }, datasetId: { type: 'integer' }, organisationId: { type: 'integer' }, fileName: { type: 'string' }, sha256: { type: 'string' }, rows: { type: 'integer' }, periods: { type: 'array', items: { type: 'string' } }, submittedAt: { type: 'string', format: 'date-time' }, diff: { type: 'array', items: { type: 'object', properties: { period: { type: 'string' }, previousSubmissionId: { type: ['integer', 'null'] }, added: { type: 'integer' }, removed: { type: 'integer' }, changed: { type: 'integer' }, unchanged: { type: 'integer' } } } } } }, changes: { type: 'array', items: { type: 'string' } } } } } },
            },
            '200': { description: 'Identical to the organisation’s current submission: nothing changed', content: { 'application/json': { schema: { type: 'object', properties: { outcome: { const: 'identical' }, message: { type: 'string' }, submissionId: { type: 'integer' } } } } } },
            '401': { description: 'No token, or the token is unknown, revoked or expired (reason says which)', content: { 'application/json': { schema: { type: 'object', properties: { error: { type: 'string' }, reason: { type: 'string', enum: ['unknown', 'revoked', 'expired'] } } } } } },
            '403': { ...error, description: 'The token is for other datasets (named), or the organisation does not submit this one' },
            '404': error,
            '413': { ...error, description: 'The file is over the size limit (refused before it is read)' },
            '415': { ...error, description: 'Not CSV text (binary, a workbook, not UTF-8), or another content type' },
            '422': {
              description: 'The file has problems: nothing was stored. JSON with the first 100 and the count; with Accept: text/csv, every problem as CSV (row, column, value, problem)',
              content: {
                'application/json': { schema: { type: 'object', required: ['error', 'problemCount', 'problems'], properties: { error: { type: 'string' }, problemCount: { type: 'integer' }, notShown: { type: 'integer' }, problems: { type: 'array', items: { type: 'object', properties: { row: { type: ['integer', 'null'] }, column: { type: ['string', 'null'] }, value: { type: ['string', 'null'] }, message: { type: 'string' } } } } } } },
                'text/csv': { schema: { type: 'string' } },
              },
            },
          },
        },
      },
      '/datasets/{id}/data': {
        get: {
          summary: 'A partner dataset’s data: for a place and the places directly in it, or for every place the dataset is recorded for; one period or all',
          description:
            'The same rows and the same disclosure control as the CSV downloads: counts below the dataset’s threshold, and the counts chosen so they cannot be worked out from totals, are the string "[c]"; a missing value is "[x]"; a number column (such as a rate) is not added up over places: "[z]". Counts may be rounded to the dataset’s base. The owner organisation’s users get raw values. Public datasets need no sign-in; other datasets answer only to signed-in users (the session cookie: this route reads the session, unlike the rest of this API) whose organisation is allowed by a live data-sharing agreement (and is named on the dataset, where it names organisations). Without a session a non-public dataset answers 404, as an unknown one does. Every answer with data is recorded in the audit log (who, organisation, the agreement that allowed it).',
          operationId: 'getDatasetData',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
            { name: 'place', in: 'query', required: false, description: 'GSS code of a place (the force area, a local authority, an LSOA): its values and those of the places directly in it. Default: every place, as recorded', schema: { type: 'string', pattern: '^[A-Za-z0-9]{1,20}$' } },
            { name: 'period', in: 'query', required: false, description: 'One period of the dataset’s type (2025-04, 2025-Q1 or 2025). Default: every period', schema: { type: 'string' } },
          ],
          responses: {
            '200': {
              description: 'The data. Rows are objects keyed by columns: period, place_code, place_name (and place_type with place=), then the dataset’s columns (with place=: its count and number columns only)',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['dataset', 'place', 'period', 'access', 'columns', 'rows', 'markers'],
                    properties: {
                      dataset: { type: 'object', properties: { id: { type: 'integer' }, slug: { type: 'string' }, name: { type: 'string' }, periodType: { type: 'string', enum: ['month', 'quarter', 'year'] } } },
                      place: { type: ['object', 'null'], properties: { code: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' } } },
                      period: { type: ['string', 'null'] },
                      access: { type: 'object', properties: { basis: { type: 'string', enum: ['owner', 'public', 'agreement'] }, agreementId: { type: ['integer', 'null'] }, raw: { type: 'boolean' } } },
                      columns: { type: 'array', items: { type: 'string' } },
                      rows: { type: 'array', items: { type: 'object', additionalProperties: { type: ['number', 'string', 'null'] } } },
                      markers: { type: 'object', additionalProperties: { type: 'string' } },
                    },
                  },
                },
              },
            },
            '400': { ...error, description: 'A malformed id, place or period, or a period not of the dataset’s type' },
            '403': { ...error, description: 'Signed in, but no live agreement gives your organisation access (the reason says why)' },
            '404': { ...error, description: 'No such dataset or place; or a non-public dataset asked for without signing in' },
          },
        },
      },
      '/meetings/{id}': {
        get: {
          summary: 'A board meeting: when and where, its agenda items (linked to missions, objectives and measures), papers, decisions and published minutes',
          description:
            'Public meetings of public boards answer anyone, with their public items, the public papers of those items (or of the meeting as a whole) and minutes once published. Restricted items and papers, and draft minutes, are included only for signed-in staff and partners who currently sit on the board (the session cookie: this route reads the session). A meeting that is not public answers 404 to everyone else. Papers are downloaded from their url.',
          operationId: 'getMeeting',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
          responses: {
            '200': {
              description: 'The meeting',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['id', 'board', 'title', 'startsAt', 'endsAt', 'status', 'agenda', 'papers', 'decisions'],
                    properties: {
                      id: { type: 'integer' },
                      board: { type: 'object', properties: { id: { type: 'integer' }, slug: { type: 'string' }, name: { type: 'string' } } },
                      title: { type: 'string' },
                      startsAt: { type: 'string', format: 'date-time' },
                      endsAt: { type: 'string', format: 'date-time' },
                      location: { type: 'string' },
                      status: { type: 'string', enum: ['scheduled', 'held', 'cancelled'] },
                      isPublic: { type: 'boolean' },
                      agenda: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, number: { type: 'integer' }, title: { type: 'string' }, topic: { type: 'string' }, description: { type: 'string' }, presenter: { type: 'string' }, isPublic: { type: 'boolean' }, missions: { type: 'array', items: { type: 'string' } }, objectives: { type: 'array', items: { type: 'string' } }, measures: { type: 'array', items: { type: 'string' } } } } },
                      papers: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, agendaItemId: { type: ['integer', 'null'] }, title: { type: 'string' }, fileName: { type: 'string' }, mediaType: { type: 'string' }, sizeBytes: { type: 'integer' }, sha256: { type: 'string' }, visibility: { type: 'string', enum: ['public', 'restricted'] }, restrictionReason: { type: ['string', 'null'] }, url: { type: 'string' } } } },
                      decisions: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, agendaItemId: { type: ['integer', 'null'] }, text: { type: 'string' } } } },
                      minutes: { type: ['string', 'null'] },
                      minutesPublishedAt: { type: ['string', 'null'], format: 'date-time' },
                    },
                  },
                },
              },
            },
            '404': { ...error, description: 'No such meeting, or a meeting you may not see' },
          },
        },
      },
      '/decisions': {
        get: {
          summary: 'The Police and Crime Commissioner’s decision log, newest first',
          description: 'A restricted decision is given by its number, date and the reason for the restriction only; the rest in full. The same as /decisions (page) and /decisions.csv.',
          operationId: 'listDecisions',
          responses: {
            '200': {
              description: 'Decisions',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['decisions'],
                    properties: {
                      decisions: {
                        type: 'array',
                        items: {
                          type: 'object',
                          required: ['number', 'decisionDate', 'restricted'],
                          properties: {
                            number: { type: 'string', pattern: '^PCC-\\d{4}-\\d{3,}$' },
                            decisionDate: { type: 'string', format: 'date' },
                            restricted: { type: 'boolean' },
                            restrictionReason: { type: 'string', description: 'Restricted decisions only' },
                            title: { type: 'string' },
                            outcome: { type: 'string', enum: ['accepted', 'rejected', 'noted', 'approved'] },
                            summary: { type: 'string' },
                            financialImplications: { type: 'string' },
                            reasons: { type: 'string' },
                            relatedDocuments: { type: 'array', items: { type: 'object', properties: { title: { type: 'string' }, url: { type: ['string', 'null'] } } } },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
      '/openapi.json': { get: { summary: 'This document', operationId: 'getOpenApi', responses: { '200': { description: 'OpenAPI 3.1 document' } } } },
    },
    components: {
      securitySchemes: { organisationToken: { type: 'http', scheme: 'bearer', description: 'An organisation API token (sp_…), created by an admin at /staff/hub/tokens' } },
      schemas: {
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
        Counts: { type: 'object', additionalProperties: { type: 'integer' } },
        WindowCrimes: {
          type: 'object',
          description: 'Complete hotspot three-day windows in a group and the timed crimes in them',
          required: ['windows', 'crimes', 'perWindow'],
          properties: { windows: { type: 'integer' }, crimes: { type: 'integer' }, perWindow: { type: ['number', 'null'], description: 'crimes / windows; null when there are no windows' } },
        },
        PatrolCrimes: {
          type: 'object',
          description: 'Timed crimes (from the force, not police.uk) in patrolled and unpatrolled complete windows. A crime counts in the window its time falls in (windows are half-open: a crime at a boundary belongs to the window starting there) and in each hotspot it is inside or on the edge of.',
          required: ['patrolled', 'unpatrolled', 'byHotspot'],
          properties: {
            crimeType: { type: ['string', 'null'] },
            records: { type: 'integer', description: 'Timed crime records in the period, any type' },
            recordsOfType: { type: 'integer', description: 'Of the crime type asked for (all when none is)' },
            inHotspots: { type: 'integer', description: 'Hotspot-crimes placed (a crime on an edge two hotspots share counts for both)' },
            patrolled: { $ref: '#/components/schemas/WindowCrimes' },
            unpatrolled: { $ref: '#/components/schemas/WindowCrimes' },
            byHotspot: { type: 'array', items: { type: 'object', required: ['id', 'patrolled', 'unpatrolled'], properties: { id: { type: 'string' }, patrolled: { $ref: '#/components/schemas/WindowCrimes' }, unpatrolled: { $ref: '#/components/schemas/WindowCrimes' } } } },
            partialWindowCrimes: { type: 'integer', description: 'Hotspot-crimes in a last, partial window: counted, not compared' },
          },
        },
        Plan: {
          type: 'object',
          required: ['id', 'slug', 'title', 'periodStart', 'periodEnd', 'stages', 'missions'],
          properties: {
            id: { type: 'integer' },
            slug: { type: 'string' },
            title: { type: 'string' },
            subtitle: { type: 'string' },
            commissioner: { type: 'string' },
            periodStart: { type: 'string', format: 'date' },
            periodEnd: { type: 'string', format: 'date' },
            summary: { type: 'string' },
            sourceDocument: { type: 'string' },
            forceAreaCode: { type: ['string', 'null'] },
            stages: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, periodStart: { type: 'string', format: 'date' }, periodEnd: { type: 'string', format: 'date' }, description: { type: 'string' } } } },
            missions: {
              type: 'array',
              items: {
                type: 'object',
                properties: { id: { type: 'integer' }, slug: { type: 'string' }, kind: { type: 'string', enum: ['mission', 'foundation'] }, title: { type: 'string' }, summary: { type: 'string' }, objectiveCounts: { $ref: '#/components/schemas/Counts' }, measureCounts: { $ref: '#/components/schemas/Counts' } },
              },
            },
          },
        },
        Objective: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            ref: { type: 'string' },
            text: { type: 'string' },
            horizon: { type: 'string', enum: ['first_six_months', 'rest_of_term'] },
            dueDate: { type: ['string', 'null'], format: 'date' },
            owner: { type: 'string' },
            status: { type: 'string', enum: ['not_started', 'in_progress', 'done', 'dropped'] },
            latestUpdate: { type: ['object', 'null'], properties: { effectiveDate: { type: 'string', format: 'date' }, status: { type: 'string' }, narrative: { type: 'string' }, evidenceUrl: { type: ['string', 'null'] } } },
          },
        },
        Mission: {
          type: 'object',
          properties: { id: { type: 'integer' }, slug: { type: 'string' }, kind: { type: 'string' }, title: { type: 'string' }, summary: { type: 'string' }, purpose: { type: 'string' }, lead: { type: 'string' }, objectives: { type: 'array', items: { $ref: '#/components/schemas/Objective' } } },
        },
        Target: { type: 'object', properties: { kind: { type: 'string', enum: ['absolute', 'relative_percent', 'percentage_points', 'monitor_only'] }, value: { type: ['number', 'null'] }, byDate: { type: ['string', 'null'], format: 'date' }, resolvedValue: { type: ['number', 'null'] }, asWritten: { type: 'string' } } },
        Baseline: { type: 'object', properties: { placeCode: { type: 'string' }, value: { type: ['number', 'null'] }, period: { type: ['string', 'null'] }, asWritten: { type: 'string' } } },
        Measure: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            slug: { type: 'string' },
            title: { type: 'string' },
            definition: { type: 'string' },
            unit: { type: 'string' },
            polarity: { type: 'string', enum: ['higher_is_better', 'lower_is_better', 'neutral'] },
            frequency: { type: 'string', enum: ['month', 'quarter', 'year', 'financial_year', 'ad_hoc'] },
            geography: { type: 'string' },
            source: { type: 'string' },
            interpretation: { type: ['string', 'null'] },
            mission: { type: 'string' },
            observationCount: { type: 'integer' },
            baselines: { type: 'array', items: { $ref: '#/components/schemas/Baseline' } },
            targets: { type: 'array', items: { $ref: '#/components/schemas/Target' } },
          },
        },
        Observation: {
          type: 'object',
          properties: {
            period: { type: 'string', description: '2024-03 (month), 2024-Q1, 2024, or 2024-25 (financial year)' },
            periodStart: { type: 'string', format: 'date' },
            periodEnd: { type: 'string', format: 'date' },
            placeCode: { type: 'string', description: 'ONS GSS code' },
            placeName: { type: 'string' },
            value: { type: ['number', 'null'], description: 'null when suppressed [c] or not available [x]' },
            numerator: { type: ['number', 'null'] },
            denominator: { type: ['number', 'null'] },
            markers: { type: 'array', items: { type: 'string', enum: ['p', 'r', 'c', 'x', 'e', 'u', 'b', 'z'] } },
            note: { type: 'string' },
          },
        },
        MeasureObservations: {
          type: 'object',
          properties: { measure: { $ref: '#/components/schemas/Measure' }, baselines: { type: 'array', items: { $ref: '#/components/schemas/Baseline' } }, targets: { type: 'array', items: { $ref: '#/components/schemas/Target' } }, observations: { type: 'array', items: { $ref: '#/components/schemas/Observation' } } },
        },
      },
    },
  };
}
