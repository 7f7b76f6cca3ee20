import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bianzhi.settings")
application = get_wsgi_application()

# Each web process (a gunicorn worker imports this module before it accepts connections) warms itself up first:
# bianzhi/ops/warmup.py. Imported here, after get_wsgi_application() has set up the app registry it needs.
from bianzhi.ops import warmup  # noqa: E402

warmup.at_boot()
