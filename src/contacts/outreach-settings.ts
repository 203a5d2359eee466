import { DEFAULT_HOMECOMING_WINDOWS, type HomecomingWindow } from '../time/homecoming-window';

/** How talks, visits and homecomings are counted. */
export interface OutreachSettings {
  /** A member no secretary talked to or visited for this many weeks is listed as not contacted (CONTACT_WEEKS). */
  contactWeeks: number;
  /** When 返乡报到 is open (HOMECOMING_WINDOWS, else 腊月十五–正月十五 from the table). */
  homecomingWindows: readonly HomecomingWindow[];
}

export const DEFAULT_CONTACT_WEEKS = 8;

export function outreachSettingsFrom(config: {
  CONTACT_WEEKS?: number;
  HOMECOMING_WINDOWS?: HomecomingWindow[];
}): OutreachSettings {
  return {
    contactWeeks: config.CONTACT_WEEKS ?? DEFAULT_CONTACT_WEEKS,
    homecomingWindows: config.HOMECOMING_WINDOWS ?? DEFAULT_HOMECOMING_WINDOWS,
  };
}

/** The settings in force: those configured, or the defaults (tests and tools that build services by hand). */
export function outreachOf(settings: { outreach?: OutreachSettings }): OutreachSettings {
  return settings.outreach ?? outreachSettingsFrom({});
}
