import { useEffect, useRef, useState } from 'react';

const BACKOFF_MS = [1000, 2000, 4000, 8000, 15000, 30000];
const PING_MS = 25_000;

export type BoardFeed = 'connecting' | 'open' | 'reconnecting';

/**
 * The board's live feed (GET /api/analytics/board/live, the session cookie):
 * `onChanged` runs whenever a ticket of the region's subtree changed today's
 * figures; a dropped feed is opened again after 1, 2, 4 … 30 s, and a ping every
 * 25 s keeps proxies from closing it. A refused feed (no right to the region)
 * is not retried: the board's own read shows why.
 */
export function useBoardLive(regionCode: string | undefined, onChanged: () => void): BoardFeed {
  const [feed, setFeed] = useState<BoardFeed>('connecting');
  const handler = useRef(onChanged);
  handler.current = onChanged;

  useEffect(() => {
    let socket: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let ping: ReturnType<typeof setInterval> | undefined;
    let attempt = 0;
    let isStopped = false;
    const open = () => {
      const query = regionCode ? `?regionCode=${encodeURIComponent(regionCode)}` : '';
      socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/analytics/board/live${query}`);
      socket.onmessage = (event) => {
        let message: { type?: string } = {};
        try {
          message = JSON.parse(String(event.data)) as { type?: string };
        } catch {
          return;
        }
        if (message.type === 'hello') {
          attempt = 0;
          setFeed('open');
          ping = setInterval(() => socket?.readyState === WebSocket.OPEN && socket.send(JSON.stringify({ type: 'ping' })), PING_MS);
        } else if (message.type === 'changed') handler.current();
      };
      socket.onclose = (event) => {
        clearInterval(ping);
        if (isStopped || (event.code >= 4400 && event.code < 4500)) return;
        const wait = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
        attempt += 1;
        setFeed('reconnecting');
        retry = setTimeout(open, wait);
      };
    };
    setFeed('connecting');
    open();
    return () => {
      isStopped = true;
      clearTimeout(retry);
      clearInterval(ping);
      socket?.close();
    };
  }, [regionCode]);
  return feed;
}
