const HEADINGS: Record<number, string> = {
  400: 'That request did not look right',
  401: 'Please sign in',
  403: 'You do not have access to this',
  404: 'Page not found',
  409: 'That conflicts with something else',
  429: 'Slow down a little',
  500: 'Something went wrong on our side',
};

export function ErrorPage({ status, message }: { status: number; message: string }) {
  return (
    <div class="py-5 text-center">
      <p class="display-6 text-body-secondary">{status}</p>
      <h1 class="h3">{HEADINGS[status] ?? 'Something went wrong'}</h1>
      <p class="lead">{message}</p>
      <a class="btn btn-primary" href="/">
        Go to the dashboard
      </a>
    </div>
  );
}
