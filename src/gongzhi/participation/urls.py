from django.urls import path

from gongzhi.participation.views import budget, deliberation, grid, help, spaces, survey, talkday

app_name = "participation"

urlpatterns = [
    path("", spaces.index, name="index"),
    path("spaces/<slug:code>/", spaces.space_detail, name="space_detail"),
    path("spaces/<slug:code>/follow/", spaces.space_follow, name="space_follow"),
    # Deliberations and their opinion maps.
    path("deliberations/", deliberation.deliberation_list, name="deliberation_list"),
    path("deliberations/new/", deliberation.deliberation_create, name="deliberation_create"),
    path("deliberations/<int:pk>/", deliberation.deliberation_detail, name="deliberation_detail"),
    path("deliberations/<int:pk>/map/", deliberation.deliberation_map, name="deliberation_map"),
    path(
        "deliberations/<int:pk>/stance/",
        deliberation.deliberation_stance,
        name="deliberation_stance",
    ),
    path("deliberations/<int:pk>/rate/", deliberation.deliberation_rate, name="deliberation_rate"),
    path(
        "deliberations/<int:pk>/comment/",
        deliberation.deliberation_comment,
        name="deliberation_comment",
    ),
    path(
        "deliberations/<int:pk>/close/", deliberation.deliberation_close, name="deliberation_close"
    ),
    path(
        "deliberations/<int:pk>/comments/<int:comment_id>/hide/",
        deliberation.comment_hide,
        name="comment_hide",
    ),
    path(
        "deliberations/<int:pk>/statements/", deliberation.statement_create, name="statement_create"
    ),
    path(
        "deliberations/<int:pk>/statements/<int:statement_id>/vote/",
        deliberation.statement_vote,
        name="statement_vote",
    ),
    path(
        "deliberations/<int:pk>/statements/<int:statement_id>/hide/",
        deliberation.statement_hide,
        name="statement_hide",
    ),
    # Surveys.
    path("surveys/", survey.survey_list, name="survey_list"),
    path("surveys/new/", survey.survey_create, name="survey_create"),
    path("surveys/<int:pk>/", survey.survey_detail, name="survey_detail"),
    path("surveys/<int:pk>/results/", survey.survey_results_page, name="survey_results"),
    path("surveys/<int:pk>/export.<slug:fmt>", survey.survey_export, name="survey_export"),
    path("surveys/<int:pk>/<slug:name>/", survey.survey_act, name="survey_act"),
    # Talk days.
    path("talk-days/", talkday.talkday_list, name="talkday_list"),
    path("talk-days/new/", talkday.talkday_create, name="talkday_create"),
    path("talk-days/<int:pk>/", talkday.talkday_detail, name="talkday_detail"),
    path("talk-days/<int:pk>/<slug:name>/", talkday.talkday_act, name="talkday_act"),
    # Micro-projects and budget rounds.
    path("projects/", budget.project_list, name="project_list"),
    path("projects/new/", budget.project_create, name="project_create"),
    path("projects/<int:pk>/", budget.project_detail, name="project_detail"),
    path("projects/<int:pk>/images/<int:image_id>/", budget.project_image, name="project_image"),
    path("projects/<int:pk>/<slug:name>/", budget.project_act, name="project_act"),
    path("rounds/", budget.round_list, name="round_list"),
    path("rounds/new/", budget.round_create, name="round_create"),
    path("rounds/<int:pk>/", budget.round_detail, name="round_detail"),
    path("rounds/<int:pk>/ballot/", budget.round_ballot, name="round_ballot"),
    path("rounds/<int:pk>/<slug:name>/", budget.round_act, name="round_act"),
    # Neighbour help.
    path("help/", help.help_list, name="help_list"),
    path("help/new/", help.help_create, name="help_create"),
    path("help/<int:pk>/", help.help_detail, name="help_detail"),
    path("help/<int:pk>/<slug:name>/", help.help_act, name="help_act"),
    # Grid service.
    path("grid/", grid.grid_home, name="grid_home"),
    path("grid/needs/<int:need_id>/", grid.grid_need, name="grid_need"),
    path(
        "grid/needs/<int:need_id>/images/<int:image_id>/", grid.finding_image, name="finding_image"
    ),
    path("grid/disputes/new/", grid.dispute_create, name="dispute_create"),
    path("grid/disputes/<int:pk>/", grid.dispute_detail, name="dispute_detail"),
    path("grid/disputes/<int:pk>/<slug:name>/", grid.dispute_act, name="dispute_act"),
]
