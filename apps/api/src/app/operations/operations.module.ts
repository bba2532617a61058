import { Module } from '@nestjs/common';
import { SpoolController } from './spool.controller';

@Module({ controllers: [SpoolController] })
export class OperationsModule {}
