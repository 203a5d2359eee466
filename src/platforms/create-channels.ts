import type { Channel, ChannelDeps } from './channel';
import { simChannel } from './sim/sim-channel';
import { realPlatforms } from '../config/real-platforms';

/**
 * Every channel whose settings are present (DESIGN.md §3): the simulator unless disabled, plus configured platforms.
 * A platform's code (and its SDK, a few hundred ms of start-up each) is loaded only when it is configured.
 */
export async function createChannels(deps: ChannelDeps): Promise<Channel[]> {
  const channels: Channel[] = [];
  if (deps.config.SIM_ENABLED) channels.push(simChannel(deps));
  const platforms = realPlatforms(deps.config);
  if (platforms.includes('dingtalk'))
    channels.push((await import('./dingtalk/dingtalk-channel')).dingtalkChannel(deps));
  if (platforms.includes('wecom')) channels.push(...(await import('./wecom/wecom-channels')).wecomChannels(deps));
  return channels;
}
