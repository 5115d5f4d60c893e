// Every chaos scenario, in the order a run takes them.
import type { Scenario } from '../scenario.ts';
import { clockSkew } from './clock-skew.ts';
import { drops } from './drops.ts';
import { fullDisk } from './full-disk.ts';
import { garbage } from './garbage.ts';
import { manager } from './manager.ts';
import { outage } from './outage.ts';
import { sigkill } from './sigkill.ts';
import { tills } from './tills.ts';

export const scenarios: Scenario[] = [sigkill, drops, garbage, outage, tills, clockSkew, manager, fullDisk];
