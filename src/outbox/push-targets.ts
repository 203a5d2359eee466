import type { Platform, PlatformData } from '../bot/incoming-message';

/** Thrown by a parser for input it cannot use; the message (Chinese) names what is wrong. */
export class PushTargetError extends Error {}

/**
 * How one platform reads what a secretary typed after 「设置推送」 (e.g. a group robot's webhook key or URL).
 * A platform's channel declares its parser; the command stays free of platform field names.
 */
export interface PushTargetParser {
  /**
   * What to store on the chat (`chat.push`) and a masked one-line summary for the reply; throws PushTargetError.
   * `current` is what the chat holds now, for a platform that keeps state of its own there.
   */
  parse(input: string, current?: PlatformData): { push: PlatformData; summary: string };
}

/** The parsers of this runtime's channels, by platform (handlers get them through their services). */
export class PushTargets {
  private readonly parsers = new Map<Platform, PushTargetParser>();

  register(platform: Platform, parser: PushTargetParser): void {
    this.parsers.set(platform, parser);
  }

  get(platform: Platform): PushTargetParser | undefined {
    return this.parsers.get(platform);
  }
}
