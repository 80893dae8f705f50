import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsOptional, IsString, Length, Matches } from 'class-validator';
import { Role, ROLES } from '@imi/domain';

export class CreateUserDto {
  @ApiProperty() @IsEmail() @Length(3, 254) email!: string;
  @ApiProperty() @IsString() @Length(1, 200) displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) @IsArray() @ArrayMaxSize(ROLES.length) @IsString({ each: true }) roles!: Role[];
  @ApiProperty({ description: 'At least 12 characters, not containing the user\'s name or address' }) @IsString() @Length(1, 256) password!: string;
}

export class SetRolesDto {
  @ApiProperty({ enum: ROLES, isArray: true }) @IsArray() @ArrayMaxSize(ROLES.length) @IsString({ each: true }) roles!: Role[];
}

export class SignInDto {
  @ApiProperty() @IsString() @Length(1, 254) email!: string;
  @ApiProperty() @IsString() @Length(1, 256) password!: string;
  @ApiProperty({ description: 'The current 6-digit code of the user\'s authenticator (RFC 6238)' }) @Matches(/^\d{6}$/) code!: string;
  @ApiPropertyOptional({ description: 'The authority to act for, needed only when the address is a user of several authorities' }) @IsOptional() @IsString() @Length(1, 64) authorityId?: string;
}

/** A user as an administrator sees it; a deactivated user's own data is blocked and not shown. */
export interface UserView {
  id: string;
  authorityId: string;
  status: 'active' | 'deactivated';
  email?: string;
  displayName?: string;
  roles: Role[];
  createdAt: string;
  deactivatedAt: string | null;
}

/** Shown once, at creation: what the user's authenticator app needs. */
export interface Enrolment {
  user: UserView;
  totp: { secret: string; otpauthUrl: string; qrCode: string };
}
