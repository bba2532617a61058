import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin@demo.uptake.local' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(320)
  email: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;
}

export class MembershipViewDto {
  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty()
  organisationName: string;

  @ApiProperty({ enum: ['admin', 'change_manager', 'executive', 'connector_maintainer'] })
  role: string;
}

export class MeDto {
  @ApiProperty({ enum: ['session', 'api'] })
  kind: 'session' | 'api';

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  userId: string | null;

  @ApiProperty({ type: String, nullable: true })
  email: string | null;

  @ApiProperty({ type: [MembershipViewDto] })
  memberships: MembershipViewDto[];
}

export class SessionDto extends MeDto {
  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: Date;
}
