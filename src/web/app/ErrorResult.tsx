import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';
import { errorMessage } from './errors';

/** A whole-page error for a failed load: not found and forbidden look alike on purpose. */
export function ErrorResult({ error, backTo }: { error: unknown; backTo?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const status = error instanceof ApiError ? error.status : 500;
  // The server answers NOT_FOUND for records outside the actor's scope, so the page never
  // confirms that a record exists elsewhere.
  const isMissing = status === 404 || status === 403;
  return (
    <Result
      status={status === 403 ? '403' : status === 404 ? '404' : 'error'}
      title={isMissing ? t('common.notFoundTitle') : t('common.loadFailed')}
      subTitle={<span role="alert">{errorMessage(t, error)}</span>}
      extra={
        backTo ? (
          <Button type="primary" onClick={() => navigate(backTo)}>
            {t('common.back')}
          </Button>
        ) : undefined
      }
    />
  );
}

export function NotFoundPage({ isStandalone = false }: { isStandalone?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const content = (
    <Result
      status="404"
      // An address nobody routes is not a record someone may lack the right to see: say so plainly.
      title={t('common.pageNotFound')}
      subTitle={t('common.pageNotFoundHint')}
      extra={
        <Button type="primary" onClick={() => navigate(isStandalone ? '/' : '/workbench')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
  return isStandalone ? <main>{content}</main> : content;
}
