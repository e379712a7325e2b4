import { ROLES } from '../../platform/actor.ts';
import { CsrfField, Field, FormErrorSummary, PageHeader, Select } from '../../views/components.tsx';
import type { User } from './queries.ts';
import { HOME_LABEL, HOMES, defaultHome, type Home } from './home.ts';
import type { Role } from '../../platform/actor.ts';

/** The choices of a home select: the role's default first (stored as no choice), then each home. */
const homeOptions = (role: Role): [string, string][] => [
  ['', `Default: ${HOME_LABEL[defaultHome(role)]}`],
  ...HOMES.map((h): [string, string] => [h, HOME_LABEL[h]]),
];

/** The admin's per-user home select (POST /settings/users/:id/home). */
function HomeForm({ user, csrf }: { user: User; csrf: string }) {
  return (
    <form method="post" action={`/settings/users/${user.id}/home`} class="d-flex gap-1">
      <CsrfField token={csrf} />
      <label class="visually-hidden" for={`home-${user.id}`}>
        Home page of {user.name}
      </label>
      <select class="form-select form-select-sm w-auto" name="home" id={`home-${user.id}`}>
        {homeOptions(user.role).map(([v, l]) => (
          <option value={v} selected={(user.home ?? '') === v}>
            {l}
          </option>
        ))}
      </select>
      <button class="btn btn-sm btn-outline-secondary" type="submit">
        Set
      </button>
    </form>
  );
}

/** "Home page" on the user's own account page (POST /account/home). */
export function HomePreferenceCard(p: { role: Role; home: Home | null; csrf: string }) {
  return (
    <div class="card">
      <div class="card-body">
        <h2 class="h5">Home page</h2>
        <p class="small text-body-secondary">
          What you see first after signing in and when you click the business name.
        </p>
        <form method="post" action="/account/home">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="back" value="/account" />
          <Select name="home" label="Start on" value={p.home ?? ''} options={homeOptions(p.role)} />
          <button class="btn btn-primary" type="submit">
            Save home page
          </button>
        </form>
      </div>
    </div>
  );
}

const ROLE_HELP: Record<string, string> = {
  admin: 'Everything, including users and settings',
  billing: 'Customers, invoices, payments, reports; no password reveal',
  technician: 'Customers, assets, credentials, work orders, own time; no billing',
  readonly: 'Can look, cannot change',
};

export function UsersPage({
  users,
  csrf,
  selfId,
  values,
  errors,
}: {
  users: User[];
  csrf: string;
  selfId: string;
  values: Partial<Record<string, string>>;
  errors: Record<string, string>;
}) {
  return (
    <>
      <PageHeader title="Users" subtitle="Staff who can sign in to SupportTracker" />
      <div class="row g-4">
        <div class="col-xl-8">
          <div class="table-responsive">
            <table class="table table-sm align-middle">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Home page</th>
                  <th scope="col">2FA</th>
                  <th scope="col">Status</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr class={u.active ? '' : 'text-body-tertiary'}>
                    <td class="fw-semibold">
                      {u.name}
                      {u.id === selfId ? <span class="badge text-bg-light ms-2">you</span> : null}
                    </td>
                    <td>{u.email}</td>
                    <td>
                      <form
                        method="post"
                        action={`/settings/users/${u.id}/role`}
                        class="d-flex gap-1"
                      >
                        <CsrfField token={csrf} />
                        <label class="visually-hidden" for={`role-${u.id}`}>
                          Role of {u.name}
                        </label>
                        <select
                          class="form-select form-select-sm w-auto"
                          name="role"
                          id={`role-${u.id}`}
                        >
                          {ROLES.map((r) => (
                            <option value={r} selected={u.role === r}>
                              {r}
                            </option>
                          ))}
                        </select>
                        <button class="btn btn-sm btn-outline-secondary" type="submit">
                          Change
                        </button>
                      </form>
                    </td>
                    <td>
                      <HomeForm user={u} csrf={csrf} />
                    </td>
                    <td>
                      {u.totpEnabled ? 'On' : 'Off'}
                      {u.totpEnabled && u.id !== selfId ? (
                        <form
                          method="post"
                          action={`/settings/users/${u.id}/reset-2fa`}
                          class="d-inline ms-2"
                          data-confirm={`Turn off two-factor for ${u.name}? Do this only when you have confirmed who is asking (e.g. a lost phone).`}
                        >
                          <CsrfField token={csrf} />
                          <button class="btn btn-sm btn-link p-0 align-baseline" type="submit">
                            Reset<span class="visually-hidden"> two-factor for {u.name}</span>
                          </button>
                        </form>
                      ) : null}
                    </td>
                    <td>{u.active ? 'Active' : 'Deactivated'}</td>
                    <td class="text-end">
                      {u.id === selfId ? null : (
                        <form
                          method="post"
                          action={`/settings/users/${u.id}/${u.active ? 'deactivate' : 'reactivate'}`}
                          data-confirm={
                            u.active
                              ? `Deactivate ${u.name}? They are signed out at once.`
                              : undefined
                          }
                        >
                          <CsrfField token={csrf} />
                          <button
                            class={`btn btn-sm ${u.active ? 'btn-outline-danger' : 'btn-outline-success'}`}
                            type="submit"
                          >
                            {u.active ? 'Deactivate' : 'Reactivate'}
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <dl class="small text-body-secondary row">
            {ROLES.map((r) => (
              <>
                <dt class="col-3">{r}</dt>
                <dd class="col-9">{ROLE_HELP[r]}</dd>
              </>
            ))}
          </dl>
        </div>
        <div class="col-xl-4">
          <div class="card">
            <div class="card-body">
              <h2 class="h5">Invite a user</h2>
              <p class="small text-body-secondary">
                They get an email with a link to choose their password.
              </p>
              <FormErrorSummary errors={errors} />
              <form method="post" action="/settings/users" novalidate>
                <CsrfField token={csrf} />
                <Field name="name" label="Name" value={values.name} required error={errors.name} />
                <Field
                  name="email"
                  label="Email"
                  type="email"
                  value={values.email}
                  required
                  error={errors.email}
                />
                <Select
                  name="role"
                  label="Role"
                  value={values.role ?? 'technician'}
                  error={errors.role}
                  options={ROLES.map((r) => [r, r])}
                />
                <button class="btn btn-primary" type="submit">
                  Send invitation
                </button>
              </form>
            </div>
          </div>
        </div>
      </div>
    </>
  );
}
