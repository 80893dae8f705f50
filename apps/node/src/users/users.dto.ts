import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { MIN_PASSWORD_LENGTH, Role, ROLES } from '@imi/domain';
import { PageQuery } from '../lists/page-query.dto';

/** checkPassword's "at least 5 different characters", for the document: five characters each not seen again later. */
const AT_LEAST_5_DIFFERENT_CHARACTERS = String.raw`^(?=(?:[\s\S]*?([\s\S])(?![\s\S]*\1)){5})`;

export class CreateUserDto {
  @ApiProperty() @IsEmail() @Length(3, 254) email!: string;
  @ApiProperty() @IsString() @Length(1, 200) displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true, minItems: 1, description: 'At least one (checkRoles)' }) @IsArray() @ArrayMaxSize(ROLES.length) @IsString({ each: true }) roles!: Role[];
  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, pattern: AT_LEAST_5_DIFFERENT_CHARACTERS, description: `At least ${MIN_PASSWORD_LENGTH} characters and 5 different ones, not containing the user's name or address (checkPassword)` }) @IsString() @Length(1, 256) password!: string;
}

export class SetRolesDto {
  @ApiProperty({ enum: ROLES, isArray: true, minItems: 1, description: 'At least one (checkRoles)' }) @IsArray() @ArrayMaxSize(ROLES.length) @IsString({ each: true }) roles!: Role[];
}

export class SignInDto {
  @ApiProperty() @IsString() @Length(1, 254) email!: string;
  @ApiProperty() @IsString() @Length(1, 256) password!: string;
  @ApiProperty({ description: 'The current 6-digit code of the user\'s authenticator (RFC 6238)' }) @Matches(/^\d{6}$/) code!: string;
  @ApiPropertyOptional({ description: 'The authority to act for, needed only when the address is a user of several authorities' }) @IsOptional() @IsString() @Length(1, 64) authorityId?: string;
}

/** First sign-in of a user the administrator created: email and password, no code yet. */
export class FirstSignInDto {
  @ApiProperty() @IsString() @Length(1, 254) email!: string;
  @ApiProperty() @IsString() @Length(1, 256) password!: string;
  @ApiPropertyOptional({ description: 'The authority to act for, needed only when the address is a user of several authorities' }) @IsOptional() @IsString() @Length(1, 64) authorityId?: string;
}

export const USER_STATUSES = ['active', 'deactivated'] as const;

/** A page of the authority's users, newest first, filtered by role and status. */
export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ enum: USER_STATUSES }) @IsOptional() @IsIn(USER_STATUSES) status?: (typeof USER_STATUSES)[number];
}

/** A user as an administrator sees it; a deactivated user's own data is blocked and not shown. */
export class UserView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() authorityId!: string;
  @ApiProperty({ enum: USER_STATUSES }) status!: 'active' | 'deactivated';
  @ApiPropertyOptional({ description: 'Active users only' }) email?: string;
  @ApiPropertyOptional({ description: 'Active users only' }) displayName?: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({ enum: ['pending', 'shown', 'confirmed'], description: 'The second factor: pending until the first sign-in shows it, shown, then confirmed by a first code' })
  secondFactor!: 'pending' | 'shown' | 'confirmed';
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) deactivatedAt!: string | null;
}

export class UserPage {
  @ApiProperty({ type: [UserView] }) items!: UserView[];
  @ApiProperty({ nullable: true, type: String, description: 'Give it back as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

/** What the user's authenticator app needs: shown once. */
export class TotpEnrolment {
  @ApiProperty({ description: 'Base32, for typing into the app by hand' }) secret!: string;
  @ApiProperty({ example: 'otpauth://totp/…' }) otpauthUrl!: string;
  @ApiProperty({ description: 'The otpauth URL as a QR code, a PNG data URL' }) qrCode!: string;
}

/** The operator's enrolment (CLI, tests): the user and its second factor, shown once. */
export class Enrolment {
  @ApiProperty({ type: UserView }) user!: UserView;
  @ApiProperty({ type: TotpEnrolment }) totp!: TotpEnrolment;
}

export class SessionTokenView {
  @ApiProperty({ description: 'Bearer token of the session (a JWT signed by the node)' }) token!: string;
  @ApiProperty({ example: 15 }) expiresInMinutes!: number;
}
