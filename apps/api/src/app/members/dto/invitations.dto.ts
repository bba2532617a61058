import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '@uptake/persistence';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { roleMessage } from './members.dto';

export const INVITATION_STATUSES = ['pending', 'expired', 'accepted', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export class InviteMemberDto {
  @ApiProperty({ example: 'new.colleague@example.com' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(320)
  email: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: roleMessage })
  role: Role;
}

/** What an admin sees of an invitation: never its link (the secret goes only to the invited address). */
export class InvitationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ enum: INVITATION_STATUSES })
  status: InvitationStatus;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: Date;
}

export class InvitationTokenDto {
  @ApiProperty({ description: 'The secret of the link in the invitation e-mail (upi_…)' })
  @IsString()
  @Matches(/^upi_[A-Za-z0-9_-]{43}$/, { message: 'token must be the token of an invitation link' })
  token: string;
}

export class AcceptInvitationDto extends InvitationTokenDto {
  @ApiPropertyOptional({
    format: 'password',
    description:
      'New address: the password you choose (12+ characters). Existing account: its password, unless the ' +
      'request is signed in as that account.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password?: string;
}

export class InvitationPreviewDto {
  @ApiProperty()
  organisationName: string;

  @ApiProperty()
  email: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: Date;

  @ApiProperty({ description: 'An account with this e-mail exists: accepting needs its sign-in or password' })
  accountExists: boolean;

  @ApiProperty({ description: 'The request is signed in as the invited account' })
  signedInAsInvitee: boolean;
}

export class AcceptedInvitationDto {
  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty()
  organisationName: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty()
  email: string;

  @ApiProperty({ description: 'The account was created with the password chosen now' })
  newAccount: boolean;
}
