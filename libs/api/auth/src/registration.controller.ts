import { ApiProblems, Public } from '@huntkit/api/core';
import { Body, Controller, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { authRateLimit } from './auth-rate-limits';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clientOf, SessionIssuer } from './session-issuer';
import {
  AcceptedDto,
  ForgotPasswordDto,
  RegisterDto,
  ResendVerificationDto,
  ResetPasswordDto,
  SignInResultDto,
  VerifyEmailDto,
} from './dto/auth.dto';
import { PasswordResetService } from './password-reset.service';
import { RequireHumanCheck } from './turnstile/human-check';
import { RegistrationService } from './registration.service';

const CHECK_YOUR_EMAIL: AcceptedDto = {
  status: 'check_your_email',
  message: 'If the address can receive mail, a message is on its way. Follow its link to continue.',
};

@ApiTags('Auth')
@Controller('auth')
export class RegistrationController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly passwordReset: PasswordResetService,
    private readonly issuer: SessionIssuer,
  ) {}

  @Post('register')
  @Public()
  @HttpCode(HttpStatus.ACCEPTED)
  @Throttle(authRateLimit('/api/auth/register'))
  @RequireHumanCheck()
  @ApiOperation({
    summary: 'Create an account and send its verification mail',
    description:
      'Answers the same whether or not the address already has an account (its owner is told by mail).',
  })
  @ApiResponse({ status: 202, type: AcceptedDto })
  @ApiProblems(403, 422, 503)
  async register(@Body() body: RegisterDto): Promise<AcceptedDto> {
    await this.registration.register(body);
    return CHECK_YOUR_EMAIL;
  }

  @Post('verify-email')
  @Public()
  @HttpCode(HttpStatus.OK)
  @Throttle(authRateLimit('/api/auth/verify-email'))
  @ApiOperation({ summary: 'Confirm an email address with the token from its mail; signs the account in' })
  @ApiOkResponse({ type: SignInResultDto })
  @ApiProblems(400, 422)
  async verifyEmail(
    @Body() body: VerifyEmailDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignInResultDto> {
    return this.issuer.respond(reply, await this.registration.verifyEmail(body.token, clientOf(request)));
  }

  @Post('resend-verification')
  @Public()
  @HttpCode(HttpStatus.ACCEPTED)
  @Throttle(authRateLimit('/api/auth/resend-verification'))
  @RequireHumanCheck()
  @ApiOperation({
    summary: 'Send the verification mail again',
    description: 'Same answer for every address; at most one a minute and five an hour per address.',
  })
  @ApiResponse({ status: 202, type: AcceptedDto })
  @ApiProblems(403, 422, 503)
  async resendVerification(@Body() body: ResendVerificationDto): Promise<AcceptedDto> {
    await this.registration.resendVerification(body.email);
    return CHECK_YOUR_EMAIL;
  }

  @Post('forgot-password')
  @Public()
  @HttpCode(HttpStatus.ACCEPTED)
  @Throttle(authRateLimit('/api/auth/forgot-password'))
  @RequireHumanCheck()
  @ApiOperation({
    summary: 'Mail a password reset link',
    description: 'Same answer for every address; at most one a minute and five an hour per address.',
  })
  @ApiResponse({ status: 202, type: AcceptedDto })
  @ApiProblems(403, 422, 503)
  async forgotPassword(@Body() body: ForgotPasswordDto): Promise<AcceptedDto> {
    await this.passwordReset.requestReset(body.email);
    return CHECK_YOUR_EMAIL;
  }

  @Post('reset-password')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @Throttle(authRateLimit('/api/auth/reset-password'))
  @ApiOperation({
    summary: 'Set a new password with the token from the reset mail; ends every session of the account',
  })
  @ApiNoContentResponse({ description: 'Password changed; sign in with it' })
  @ApiProblems(400, 422)
  async resetPassword(@Body() body: ResetPasswordDto): Promise<void> {
    await this.passwordReset.reset(body.token, body.password);
  }
}
