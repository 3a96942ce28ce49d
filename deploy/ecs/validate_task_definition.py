"""Validates deploy/ecs/task-definition.json offline against the ECS RegisterTaskDefinition input
shape of the service model the installed botocore carries (what `aws ecs register-task-definition
--cli-input-json` would send), and prints each problem. Exit 0 valid, 1 invalid.

    python3 deploy/ecs/validate_task_definition.py [FILE]
"""
import json
import sys

import botocore
import botocore.session
from botocore.validate import ParamValidator

path = sys.argv[1] if len(sys.argv) > 1 else "deploy/ecs/task-definition.json"
with open(path, encoding="utf-8") as f:
    params = json.load(f)
model = botocore.session.get_session().get_service_model("ecs")
shape = model.operation_model("RegisterTaskDefinition").input_shape
report = ParamValidator().validate(params, shape)
if report.has_errors():
    print(f"{path}: not a valid ECS RegisterTaskDefinition input (botocore {botocore.__version__}, "
          f"ecs {model.api_version}):\n{report.generate_report()}")
    sys.exit(1)
names = [c["name"] for c in params["containerDefinitions"]]
print(f"{path}: valid ECS RegisterTaskDefinition input (botocore {botocore.__version__}, ecs {model.api_version}); "
      f"containers {', '.join(names)}")
