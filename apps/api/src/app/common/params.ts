import { ParseUUIDPipe } from '@nestjs/common';

/** Path ids are v4 UUIDs (gen_random_uuid); anything else is a 400 naming the parameter's expectation. */
export const UUID = new ParseUUIDPipe({ version: '4' });
