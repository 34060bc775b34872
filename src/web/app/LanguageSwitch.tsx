import { Button, Dropdown } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { LANGUAGES } from './i18n';
import { usePreferences } from './preferences';

/**
 * The language switch. Its accessible name is bilingual on purpose: someone who landed on a
 * page in a language they cannot read still needs to find the way out.
 */
export function LanguageSwitch({ isOnDark = false }: { isOnDark?: boolean }) {
  const { language, setLanguage } = usePreferences();
  const current = LANGUAGES.find((l) => l.code === language) ?? LANGUAGES[0];
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [language],
        items: LANGUAGES.map((l) => ({
          key: l.code,
          label: <span lang={l.code}>{l.label}</span>,
        })),
        onClick: ({ key }) => setLanguage(key as typeof language),
      }}
    >
      <Button
        type={isOnDark ? 'text' : 'default'}
        icon={<GlobalOutlined aria-hidden />}
        aria-label={`语言 / Language: ${current.label}`}
        style={isOnDark ? { color: '#fff' } : undefined}
      >
        <span lang={current.code}>{current.label}</span>
      </Button>
    </Dropdown>
  );
}
