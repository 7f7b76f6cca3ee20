app_name = "sanding"
urlpatterns: list = []
