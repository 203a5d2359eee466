import type { Channel, ChannelDeps } from './channel';
import { simChannel } from './sim/sim-channel';
import { dingtalkChannel } from './dingtalk/dingtalk-channel';
import { wecomChannels } from './wecom/wecom-channels';

/** Every channel whose settings are present (DESIGN.md §3): the simulator unless disabled, plus configured platforms. */
export function createChannels(deps: ChannelDeps): Channel[] {
  const channels: Channel[] = [];
  if (deps.config.SIM_ENABLED) channels.push(simChannel(deps));
  if (deps.config.DINGTALK_CLIENT_ID && deps.config.DINGTALK_CLIENT_SECRET) channels.push(dingtalkChannel(deps));
  channels.push(...wecomChannels(deps));
  return channels;
}
