import { App as AntApp } from 'antd';
import WorkbenchLayout from '../workbench/WorkbenchLayout';
// dayjs with Beijing as its zone, before any of the workbench's pickers renders: their "today" is Beijing's.
import './time';

/**
 * The workbench shell inside Ant Design's App, which holds the message, modal and notification
 * APIs of App.useApp(). Only workbench pages use them, so they load with the workbench and the
 * portal's first load carries none of them (docs/architecture.md, "Delivery").
 */
export default function WorkbenchApp() {
  return (
    <AntApp>
      <WorkbenchLayout />
    </AntApp>
  );
}
