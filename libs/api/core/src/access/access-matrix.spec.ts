import {
  describeExpected,
  expectedAccess,
  MATRIX_PRINCIPALS,
  type MatrixPrincipal,
  type OperationAccess,
  renderAccessMatrix,
} from './access-matrix';

const principal = (id: MatrixPrincipal['id']): MatrixPrincipal => {
  const found = MATRIX_PRINCIPALS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(id);
  return found;
};

const answers = (access: OperationAccess) =>
  Object.fromEntries(
    MATRIX_PRINCIPALS.map((each) => [each.id, describeExpected(expectedAccess(access, each))]),
  );

describe('the expected answer of the access guard', () => {
  it('lets everyone through a public route', () => {
    expect(new Set(Object.values(answers({ policy: 'public' })))).toEqual(new Set(['allowed']));
  });

  it('opens a signed-in route to sessions, and to tokens only with the scope it names', () => {
    expect(answers({ policy: 'signed-in', tokenScope: 'runs:read' })).toEqual({
      anonymous: '401 authentication_required',
      user: 'allowed',
      admin: 'allowed',
      superadmin: 'allowed',
      token: 'allowed',
      tokenWithoutScope: '403 insufficient_scope',
      adminToken: 'allowed',
    });
    expect(expectedAccess({ policy: 'signed-in' }, principal('token'))).toEqual({
      allowed: false,
      status: 403,
      code: 'api_token_not_allowed',
    });
  });

  it('checks roles before tokens: an admin route refuses users, and every token, even an admin’s', () => {
    expect(answers({ policy: 'roles', roles: ['admin', 'superadmin'] })).toEqual({
      anonymous: '401 authentication_required',
      user: '403 insufficient_role',
      admin: 'allowed',
      superadmin: 'allowed',
      token: '403 insufficient_role',
      tokenWithoutScope: '403 insufficient_role',
      adminToken: '403 api_token_not_allowed',
    });
  });

  it('renders one row per operation, and flags an operation with no declared policy', () => {
    const markdown = renderAccessMatrix({
      paths: {
        '/api/runs': {
          get: { operationId: 'listRuns', 'x-access': { policy: 'signed-in', tokenScope: 'runs:read' } },
        },
        '/api/oops': { post: { operationId: 'oops' } },
      },
    });
    expect(markdown).toContain(
      '| `GET /api/runs` (listRuns) | signed in; token `runs:read` | 401 authentication_required | allowed |',
    );
    expect(markdown).toContain('| `POST /api/oops` (oops) | **none declared** | ? |');
  });
});
