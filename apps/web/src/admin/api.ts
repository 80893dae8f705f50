import { api, read } from '../api/client';
import type { components } from '../api/schema';

/** The administration's calls (users, first sign-in, registrations, statistics), typed from the node's OpenAPI document. */
type Schemas = components['schemas'];
export type UserView = Schemas['UserView'];
export type UserPage = Schemas['UserPage'];
export type NewUser = Schemas['CreateUserDto'];
export type Role = UserView['roles'][number];
export type TotpEnrolment = Schemas['TotpEnrolment'];
export type RegistrationSummary = Schemas['RegistrationSummary'];
export type RegistrationPage = Schemas['RegistrationPage'];
export type RegistrationView = Schemas['RegistrationView'];
export type NewRegistration = Schemas['RegisterAuthorityDto'];
export type RegistrationChanges = Schemas['UpdateRegistrationDto'];
export type RegistrationStatus = RegistrationSummary['status'];
export type RegistrationKind = RegistrationSummary['kind'];
export type Statistics = Schemas['StatisticsView'];
export type StatisticsRow = Statistics['requests'][number];

export const ROLES: Role[] = ['case-handler', 'allocator', 'authority-administrator', 'coordinator', 'observer', 'data-protection-contact'];
export const REGISTRATION_STATUSES: RegistrationStatus[] = ['registered', 'active', 'suspended', 'removed'];
export const REGISTRATION_KINDS: RegistrationKind[] = ['competent-authority', 'delegated-coordinator'];
export type RegistrationAction = 'validate' | 'suspend' | 'reinstate' | 'remove';

/** The authority's second factor, shown once at the first sign-in (no session yet). */
export const firstSignIn = (body: { email: string; password: string; authorityId?: string }) =>
  read<TotpEnrolment>(api.POST('/sessions/enrolment', { body }));

export const listUsers = (query: { role?: Role; status?: UserView['status']; cursor?: string; limit?: number }) =>
  read<UserPage>(api.GET('/users', { params: { query } }));
export const createUser = (body: NewUser) => read<UserView>(api.POST('/users', { body }));
export const setRoles = (id: string, roles: Role[]) => read<UserView>(api.POST('/users/{id}/roles', { params: { path: { id } }, body: { roles } }));
export const deactivateUser = (id: string) => read<UserView>(api.POST('/users/{id}/deactivate', { params: { path: { id } } }));

export const listRegistrations = (query: { status?: RegistrationStatus; kind?: RegistrationKind; legislativeArea?: string; cursor?: string; limit?: number }) =>
  read<RegistrationPage>(api.GET('/registrations', { params: { query } }));
export const getRegistration = (id: string) => read<RegistrationView>(api.GET('/registrations/{id}', { params: { path: { id } } }));
export const register = (body: NewRegistration) => read<RegistrationView>(api.POST('/registrations', { body }));
export const updateRegistration = (id: string, body: RegistrationChanges) =>
  read<RegistrationView>(api.PATCH('/registrations/{id}', { params: { path: { id } }, body }));
export const actOnRegistration = (id: string, action: RegistrationAction) =>
  read<RegistrationView>(api.POST(`/registrations/{id}/${action}`, { params: { path: { id } } }));

export const statistics = () => read<Statistics>(api.GET('/statistics'));
