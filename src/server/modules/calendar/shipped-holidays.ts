import type { CalendarData } from "./working-calendar.ts";

/**
 * The holiday arrangements the platform ships with, as published by the General
 * Office of the State Council. Later years are added by administrators as each
 * notice appears (stored in the database; these seed it).
 */
export const SHIPPED_HOLIDAYS: CalendarData = {
  "2025": {
    "source": "国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12)",
    "off": [
      {
        "name": "元旦",
        "from": "2025-01-01",
        "to": "2025-01-01"
      },
      {
        "name": "春节",
        "from": "2025-01-28",
        "to": "2025-02-04"
      },
      {
        "name": "清明节",
        "from": "2025-04-04",
        "to": "2025-04-06"
      },
      {
        "name": "劳动节",
        "from": "2025-05-01",
        "to": "2025-05-05"
      },
      {
        "name": "端午节",
        "from": "2025-05-31",
        "to": "2025-06-02"
      },
      {
        "name": "国庆节、中秋节",
        "from": "2025-10-01",
        "to": "2025-10-08"
      }
    ],
    "work": [
      "2025-01-26",
      "2025-02-08",
      "2025-04-27",
      "2025-09-28",
      "2025-10-11"
    ]
  },
  "2026": {
    "source": "国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)",
    "off": [
      {
        "name": "元旦",
        "from": "2026-01-01",
        "to": "2026-01-03"
      },
      {
        "name": "春节",
        "from": "2026-02-15",
        "to": "2026-02-23"
      },
      {
        "name": "清明节",
        "from": "2026-04-04",
        "to": "2026-04-06"
      },
      {
        "name": "劳动节",
        "from": "2026-05-01",
        "to": "2026-05-05"
      },
      {
        "name": "端午节",
        "from": "2026-06-19",
        "to": "2026-06-21"
      },
      {
        "name": "中秋节",
        "from": "2026-09-25",
        "to": "2026-09-27"
      },
      {
        "name": "国庆节",
        "from": "2026-10-01",
        "to": "2026-10-07"
      }
    ],
    "work": [
      "2026-01-04",
      "2026-02-14",
      "2026-02-28",
      "2026-05-09",
      "2026-09-20",
      "2026-10-10"
    ]
  }
};
