import type { CommandSpec } from '../src/bot/commands';
import { meetingLeave } from './meeting-leave';
import { meetingSignIn } from './meeting-sign-in';
import { meetingStatus } from './meeting-status';
import { scheduleMeeting } from './schedule-meeting';

/** The meeting (组织生活) commands, registered together so the router's list gains one line. */
export const meetingCommands: CommandSpec[] = [scheduleMeeting, meetingSignIn, meetingLeave, meetingStatus];
