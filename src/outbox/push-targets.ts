import type { Platform, PlatformData } from '../bot/incoming-message';

/** Thrown by a parser for input it cannot use; the message (Chinese) names what is wrong. */
export class PushTargetError extends Error {}

/**
 * How one platform reads what a secretary typed after 「设置推送」 (e.g. a group robot's webhook key or URL).
 * Platform modules register a parser; the command stays free of platform field names.
 */
export interface PushTargetParser {
  /**
   * What to store on the chat (`chat.push`) and a masked one-line summary for the reply; throws PushTargetError.
   * `current` is what the chat holds now, for a platform that keeps state of its own there.
   */
  parse(input: string, current?: PlatformData): { push: PlatformData; summary: string };
}

const parsers = new Map<Platform, PushTargetParser>();

export const pushTargets = {
  register(platform: Platform, parser: PushTargetParser): void {
    parsers.set(platform, parser);
  },
  get(platform: Platform): PushTargetParser | undefined {
    return parsers.get(platform);
  },
};
