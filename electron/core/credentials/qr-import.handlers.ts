import { channelLabel, resolveChannel, type ChannelRow } from '../channels/channels.repo';
import { CoreError } from '../errors';
import type { HandlerContext, HandlerMap } from '../handler-types';
import { auditChannelEvent } from './channel-audit';
import { checkImageSize, ImageSourceError, type ImageSource, type RgbaImage } from './image-source';
import { storeSecret } from './store-secret';
import { parseTotpInput, serializeTotpConfig, TotpInputError } from './totp';

const NO_SOURCE =
  'Reading a QR code image is only available in the desktop app, or on the command line with "custodian secret import-qr CHANNEL --file PATH.png".';

/**
 * The refusal of an image or what its QR code holds (the caller throws it): audited as an 'error' with a fixed 'why'
 * (never the content: a QR code that is not a 2FA link may still be someone's secret).
 */
async function refusal(ctx: HandlerContext, channel: ChannelRow, why: string, message: string): Promise<CoreError> {
  await auditChannelEvent(ctx, channel, { action: 'secret.set', outcome: 'error', details: { kind: 'totp', from: 'qr', why } });
  return new CoreError('invalid_input', `${message} Nothing was stored.`, 'image');
}

/** The text of the one QR code in the image, or null. The pixels are wiped after reading. */
async function decodeQr(image: RgbaImage): Promise<string | null> {
  try {
    // jsQR loads on first use: only this import needs it.
    const { default: jsQR } = await import('jsqr');
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
  } finally {
    image.data.fill(0);
  }
}

/**
 * A 2FA setup QR code, read in main (or the CLI) and stored exactly as `secret.set` stores
 * a TOTP key: the image, the decoded link and the secret never reach the renderer.
 */
export function qrImportHandlers(imageSource: ImageSource | null): HandlerMap<'totp.importQr'> {
  return {
    'totp.importQr': async (ctx, input) => {
      if (imageSource === null) throw new CoreError('forbidden', NO_SOURCE);
      const channel = await resolveChannel(ctx.vault.data, input.channel);
      let image: RgbaImage | null;
      try {
        image = await imageSource.read(input.source);
      } catch (error) {
        if (error instanceof ImageSourceError) throw await refusal(ctx, channel, error.why, error.message);
        throw error;
      }
      // Cancelling the file dialog is not an attempt: nothing was read, stored or refused.
      if (image === null) return { cancelled: true as const };

      try {
        checkImageSize(image.width, image.height);
      } catch (error) {
        image.data.fill(0);
        if (error instanceof ImageSourceError) throw await refusal(ctx, channel, error.why, error.message);
        throw error;
      }
      if (image.data.length !== image.width * image.height * 4) {
        image.data.fill(0);
        throw await refusal(ctx, channel, 'image not readable', 'The image is damaged and could not be read.');
      }

      const text = (await decodeQr(image))?.trim() ?? null;
      if (text === null || text === '') {
        throw await refusal(
          ctx,
          channel,
          'no QR code found',
          'No QR code was found in the image. Make sure the whole QR code is visible, sharp and not cut off, then try again.',
        );
      }
      const scheme = /^otpauth:\/\/([a-z]*)\//i.exec(text)?.[1]?.toLowerCase();
      if (scheme === 'hotp') {
        throw await refusal(ctx, channel, 'hotp link', 'This QR code is for counter-based (HOTP) codes; only time-based (TOTP) codes are supported.');
      }
      if (scheme !== 'totp') {
        throw await refusal(
          ctx,
          channel,
          'not a totp link',
          'This QR code is not a 2FA setup code (it does not hold an otpauth://totp/ link). Use the QR code the service shows when you turn on two-factor authentication.',
        );
      }
      let value: string;
      try {
        value = serializeTotpConfig(parseTotpInput(text));
      } catch (error) {
        // TotpInputError messages never quote the link (see totp.ts).
        if (error instanceof TotpInputError) throw await refusal(ctx, channel, 'invalid totp link', error.message);
        throw error;
      }
      const { rotated } = await storeSecret(ctx, channel, 'totp', value, { from: 'qr' });
      return { channel: channelLabel(channel), rotated };
    },
  };
}
