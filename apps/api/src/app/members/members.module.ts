import { Module } from '@nestjs/common';
import { MailerService } from '../mail/mailer.service';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';

@Module({
  controllers: [MembersController, InvitationsController],
  providers: [MembersService, InvitationsService, MailerService],
})
export class MembersModule {}
