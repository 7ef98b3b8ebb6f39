import { BadRequestException, NotFoundException } from '@nestjs/common';
import { ProblemException, ValidationProblemException } from './problem';
import { toProblem } from './problem.filter';

describe('toProblem', () => {
  it('maps Nest HTTP errors to RFC 9457 with a machine code', () => {
    expect(toProblem(new NotFoundException('No such probe.'), '/api/x', 'req-1')).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No such probe.',
      instance: '/api/x',
      code: 'not_found',
      requestId: 'req-1',
    });
    expect(toProblem(new BadRequestException(['a', 'b']), '/', 'r').detail).toBe('a; b');
  });

  it('keeps domain codes and extensions of ProblemException', () => {
    const problem = toProblem(new ProblemException(409, 'already_done', 'Done.', { runId: 'r1' }), '/', 'r');
    expect(problem).toMatchObject({ status: 409, code: 'already_done', runId: 'r1', title: 'Conflict' });
  });

  it('carries field errors for validation failures', () => {
    const errors = [{ field: 'email', pointer: '/email', detail: 'email must be an email' }];
    expect(toProblem(new ValidationProblemException(errors), '/', 'r')).toMatchObject({
      status: 422,
      code: 'validation_failed',
      errors,
    });
  });

  it('maps framework client errors by their status code', () => {
    const error = Object.assign(new Error('Request body is too large'), {
      statusCode: 413,
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    });
    expect(toProblem(error, '/', 'r')).toMatchObject({
      status: 413,
      code: 'payload_too_large',
      detail: 'Request body is too large',
    });
  });

  it('keeps upstream messages of non-Fastify errors with a status code private', () => {
    const sdkError = Object.assign(new Error('No such customer: cus_123 (api key sk_live_abc)'), {
      statusCode: 404,
    });
    const problem = toProblem(sdkError, '/', 'r');
    expect(problem).toMatchObject({ status: 500, code: 'internal_error' });
    expect(JSON.stringify(problem)).not.toContain('sk_live');
  });

  it('never lets extensions overwrite the core fields', () => {
    const problem = toProblem(
      new ProblemException(409, 'conflict_x', 'Done.', { status: 200, code: 'ok', requestId: 'spoof' }),
      '/',
      'r',
    );
    expect(problem).toMatchObject({ status: 409, code: 'conflict_x', requestId: 'r' });
  });

  it('never exposes internals of unexpected errors', () => {
    const problem = toProblem(new Error('password=hunter2 at db.ts:12'), '/', 'r');
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toContain('hunter2');
    expect(problem.code).toBe('internal_error');
  });
});
