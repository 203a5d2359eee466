import type { Channel, ChannelDeps } from './channel';
import { simChannel } from './sim/sim-channel';
import { realPlatforms } from '../config/real-platforms';

type DingtalkModule = typeof import('./dingtalk/dingtalk-channel');
type WecomModule = typeof import('./wecom/wecom-channels');

/**
 * A platform's code and SDK cost a few hundred ms of start-up, so they are loaded only where the platform is
 * configured. `require` rather than `import()`: the sources also run through tsx, whose ESM resolution would need
 * file extensions.
 */
function load<T>(path: './dingtalk/dingtalk-channel' | './wecom/wecom-channels'): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path) as T;
}

/** Every channel whose settings are present (DESIGN.md §3): the simulator unless disabled, plus configured platforms. */
export async function createChannels(deps: ChannelDeps): Promise<Channel[]> {
  const channels: Channel[] = [];
  if (deps.config.SIM_ENABLED) channels.push(simChannel(deps));
  const platforms = realPlatforms(deps.config);
  if (platforms.includes('dingtalk'))
    channels.push(load<DingtalkModule>('./dingtalk/dingtalk-channel').dingtalkChannel(deps));
  if (platforms.includes('wecom')) channels.push(...load<WecomModule>('./wecom/wecom-channels').wecomChannels(deps));
  return channels;
}
