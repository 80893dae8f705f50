import { leavesNoAdministrator } from './administrators';

describe('an authority keeps an active administrator', () => {
  it('refuses deactivating the only administrator, or taking the role from them', () => {
    expect(leavesNoAdministrator(['a'], { userId: 'a', deactivate: true })).toBe(true);
    expect(leavesNoAdministrator(['a'], { userId: 'a', roles: ['case-handler'] })).toBe(true);
  });

  it('allows it while another administrator stays', () => {
    expect(leavesNoAdministrator(['a', 'b'], { userId: 'a', deactivate: true })).toBe(false);
    expect(leavesNoAdministrator(['a', 'b'], { userId: 'b', roles: ['observer'] })).toBe(false);
  });

  it('allows any change that keeps the role, and any change to a user who is not an administrator', () => {
    expect(leavesNoAdministrator(['a'], { userId: 'a', roles: ['authority-administrator', 'case-handler'] })).toBe(false);
    expect(leavesNoAdministrator(['a'], { userId: 'c', deactivate: true })).toBe(false);
    expect(leavesNoAdministrator(['a'], { userId: 'c', roles: ['case-handler'] })).toBe(false);
  });

  it('allows it when the authority has no administrator to lose', () => {
    expect(leavesNoAdministrator([], { userId: 'c', deactivate: true })).toBe(false);
  });
});
