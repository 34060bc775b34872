import { useEffect, useState } from 'react';
import { Alert, Card, Empty, List, Spin } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { errorMessage } from '../../app/errors';
import { formatDateTime } from '../../app/time';
import { PageTitle } from '../../workbench/PageTitle';

type AwaitingReply = { ticketId: string; number: string; status: string; lastMessageAt: string; excerpt: string };

/**
 * 待回复留言: portal requests whose applicant wrote last and waits for an answer,
 * among those this account may answer — the longest waiting first. Each opens
 * the ticket, where the thread is answered (与申请人沟通).
 */
export default function AwaitingRepliesPage() {
  const { t } = useTranslation();
  const [items, setItems] = useState<AwaitingReply[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let isCurrent = true;
    api.get<{ items: AwaitingReply[] }>('/requests/awaiting-reply').then(
      (found) => isCurrent && setItems(found.items),
      (e) => isCurrent && setError(e),
    );
    return () => {
      isCurrent = false;
    };
  }, []);

  return (
    <>
      <PageTitle>{t('tickets.awaitingReplies.title')}</PageTitle>
      <Card>
        <p>{t('tickets.awaitingReplies.intro')}</p>
        {error ? <Alert type="error" showIcon role="alert" message={errorMessage(t, error)} /> : null}
        {items === null && !error ? <Spin aria-label={t('common.loading')} /> : null}
        {items && items.length === 0 ? <Empty description={t('tickets.awaitingReplies.empty')} /> : null}
        {items && items.length > 0 ? (
          <List
            aria-busy={false}
            dataSource={items}
            renderItem={(item) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <Link to={`/workbench/tickets/${item.ticketId}`} className="nowrap">
                      {item.number}
                    </Link>
                  }
                  description={
                    <>
                      <div>{t('tickets.awaitingReplies.since', { at: formatDateTime(item.lastMessageAt) })}</div>
                      <div style={{ overflowWrap: 'anywhere' }}>{item.excerpt}</div>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        ) : null}
      </Card>
    </>
  );
}
