import type { Channel, ChannelDeps } from './channel';
import { simChannel } from './sim/sim-channel';

/** Every channel whose settings are present (DESIGN.md §3): the simulator unless disabled, plus configured platforms. */
export function createChannels(deps: ChannelDeps): Channel[] {
  const channels: Channel[] = [];
  if (deps.config.SIM_ENABLED) channels.push(simChannel(deps));
  return channels;
}
