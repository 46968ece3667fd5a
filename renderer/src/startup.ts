import { api } from './api';
import { firstRequests } from './first-requests';

/** Whether this build keeps weeks ready ahead; VITE_WEEK_PREFETCH=off is the bench's baseline (the app before prefetching), which does not, and asks nothing early. */
export const PREFETCH = import.meta.env.VITE_WEEK_PREFETCH !== 'off';

/** The settings and this week, asked for as the page's script starts (main.tsx imports this first): first-requests.ts. */
export const { earlyAnswers, arrivedSettings, arrivedWeek, takeEarlySettings, takeEarlyWeek, weekChanged } = firstRequests(api, PREFETCH);
