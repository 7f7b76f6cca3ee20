from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .forms import LoginForm

app_name = "accounts"
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm, template_name="accounts/login.html"),
         name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(template_name="accounts/password_change.html",
                                                             success_url="/"), name="password_change"),
    path("me/", views.ProfileView.as_view(), name="profile"),
    path("otp/", views.SecondFactorVerifyView.as_view(), name="otp-verify"),
    path("otp/enrol/", views.SecondFactorEnrolView.as_view(), name="otp-enrol"),
]
